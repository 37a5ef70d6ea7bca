package dev.leadbase.local;

import dev.leadbase.local.template.Intrinsic;
import dev.leadbase.local.template.Template;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's {@code AWS::SecretsManager::Secret} resources, generated locally. On AWS a function gets a secret's
 * ARN in {@code NAME_ARN} and reads the value at init; here the runtime hands it the value itself in {@code NAME}
 * (which {@code SecretConfig} reads first), so nothing local talks to Secrets Manager. Each value is random, made
 * once per data directory (kept there, see {@link DataDirSecrets}) or once per runtime without one.
 */
public final class LocalSecrets {
    static final String SECRET_TYPE = "AWS::SecretsManager::Secret";
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Template template;
    private final Path dataDir;
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public LocalSecrets(Template template, Path dataDir) {
        this.template = template;
        this.dataDir = dataDir;
    }

    /** The value of secret resource {@code logicalId}: generated on first use, the same afterwards. */
    public String value(String logicalId) {
        return values.computeIfAbsent(logicalId, id -> dataDir == null ? generate(64)
                : DataDirSecrets.templateSecret(dataDir, id, () -> generate(64)));
    }

    /**
     * For each variable {@code NAME_ARN: !Ref <a secret resource>} in {@code variables}, the variable {@code NAME}
     * holding the secret's value.
     */
    public Map<String, String> values(Map<String, Object> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.endsWith("_ARN") && value instanceof Intrinsic.Ref ref
                    && SECRET_TYPE.equals(template.resourceTypes().get(ref.name()))) {
                out.put(name.substring(0, name.length() - "_ARN".length()), value(ref.name()));
            }
        });
        return out;
    }

    private static String generate(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
