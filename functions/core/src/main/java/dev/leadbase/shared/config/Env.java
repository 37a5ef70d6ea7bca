package dev.leadbase.shared.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads configuration from the process environment, read once at construction time by callers.
 * The local runtime runs many functions in one JVM, so it can give each function its own
 * environment while that function is being constructed.
 */
public final class Env {
    private static final ThreadLocal<Map<String, String>> SCOPED = new ThreadLocal<>();

    private Env() {
    }

    public static Optional<String> optional(String name) {
        Map<String, String> scoped = SCOPED.get();
        String value = scoped != null && scoped.containsKey(name) ? scoped.get(name) : System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Missing environment variable " + name));
    }

    public static String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public static int integer(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }

    /** Runs {@code body} with {@code variables} layered over the process environment on this thread. */
    public static <T> T with(Map<String, String> variables, Supplier<T> body) {
        Map<String, String> previous = SCOPED.get();
        SCOPED.set(variables);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(previous);
            }
        }
    }
}
