package dev.leadbase.shared.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Secret configuration values of one function, read once per container. A secret {@code NAME} is, in order:
 * <ul>
 *   <li>the variable {@code NAME} itself: local runs and tests (the local runtime generates the value of every
 *   Secrets Manager secret of the template);</li>
 *   <li>the Secrets Manager secret whose ARN is in {@code NAME_ARN};</li>
 *   <li>the SSM SecureString parameter named in {@code NAME_PARAMETER}.</li>
 * </ul>
 * On AWS the environment holds only the ARN or the parameter name; the value is fetched during init (before
 * the SnapStart snapshot) and cached, so no invocation pays for it.
 */
public final class SecretConfig {
    private final Config config;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private AwsSecrets client;

    public SecretConfig(Config config) {
        this.config = config;
    }

    /** The value of secret {@code name}, or empty when none of the three is configured. */
    public Optional<String> optional(String name) {
        Optional<String> plain = config.optional(name);
        if (plain.isPresent()) {
            return plain;
        }
        Optional<String> arn = config.optional(name + "_ARN");
        if (arn.isPresent()) {
            return Optional.of(cache.computeIfAbsent("secretsmanager:" + arn.get(), k -> client().secretString(arn.get())));
        }
        Optional<String> parameter = config.optional(name + "_PARAMETER");
        return parameter.map(p -> cache.computeIfAbsent("ssm:" + p, k -> client().parameter(p)));
    }

    /** The value of secret {@code name}; a missing one is a deployment error, reported at init. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "Missing secret " + name + ": set " + name + "_ARN (Secrets Manager) or " + name + "_PARAMETER (SSM)"));
    }

    /** A lookup of configuration where secrets resolve as above and everything else is a plain variable. */
    public Function<String, String> lookup(Set<String> secretNames) {
        return name -> (secretNames.contains(name) ? optional(name) : config.optional(name)).orElse(null);
    }

    private synchronized AwsSecrets client() {
        if (client == null) {
            client = AwsSecrets.fromConfig(config);
        }
        return client;
    }
}
