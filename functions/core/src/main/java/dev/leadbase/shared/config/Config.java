package dev.leadbase.shared.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A function's environment, fixed when the function starts: the process environment on Lambda, the template's
 * variables for that function in the local runtime and tests. A blank value counts as absent.
 */
public final class Config {
    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment, as Lambda sets it for the function. */
    public static Config fromProcess() {
        return new Config(System.getenv());
    }

    public static Config of(Map<String, String> values) {
        return new Config(values);
    }

    /** This configuration with {@code overrides} replacing or adding values. */
    public Config with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Config(merged);
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The value of {@code name}; a missing one is a deployment error, reported when the function starts. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Missing environment variable " + name));
    }

    public String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }
}
