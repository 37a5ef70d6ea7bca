package dev.leadbase.shared.config;

import dev.leadbase.shared.config.Env;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Secret configuration values, read once per container. A secret {@code NAME} is, in order:
 * <ul>
 *   <li>the environment variable {@code NAME} itself: local runs and tests (the local runtime generates the
 *   value of every Secrets Manager secret of the template);</li>
 *   <li>the Secrets Manager secret whose ARN is in {@code NAME_ARN};</li>
 *   <li>the SSM SecureString parameter named in {@code NAME_PARAMETER}.</li>
 * </ul>
 * On AWS the environment holds only the ARN or the parameter name; the value is fetched during init (before
 * the SnapStart snapshot) and cached, so no invocation pays for it.
 */
public final class SecretConfig {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static volatile AwsSecrets client;

    private SecretConfig() {
    }

    /** The value of secret {@code name}, or empty when none of the three is configured. */
    public static Optional<String> optional(String name) {
        Optional<String> plain = Env.optional(name);
        if (plain.isPresent()) {
            return plain;
        }
        Optional<String> arn = Env.optional(name + "_ARN");
        if (arn.isPresent()) {
            return Optional.of(CACHE.computeIfAbsent("secretsmanager:" + arn.get(), k -> client().secretString(arn.get())));
        }
        Optional<String> parameter = Env.optional(name + "_PARAMETER");
        return parameter.map(p -> CACHE.computeIfAbsent("ssm:" + p, k -> client().parameter(p)));
    }

    /** The value of secret {@code name}; a missing one is a deployment error, reported at init. */
    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "Missing secret " + name + ": set " + name + "_ARN (Secrets Manager) or " + name + "_PARAMETER (SSM)"));
    }

    /** A lookup of configuration where secrets resolve as above and everything else is a plain variable. */
    public static Function<String, String> lookup(java.util.Set<String> secretNames) {
        return name -> (secretNames.contains(name) ? optional(name) : Env.optional(name)).orElse(null);
    }

    private static AwsSecrets client() {
        AwsSecrets c = client;
        if (c == null) {
            synchronized (SecretConfig.class) {
                if (client == null) {
                    client = AwsSecrets.fromEnv();
                }
                c = client;
            }
        }
        return c;
    }

    /** Forgets cached values (tests). */
    static void clear() {
        CACHE.clear();
        client = null;
    }
}
