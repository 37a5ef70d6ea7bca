package dev.leadbase.core.http;

import dev.leadbase.core.errors.ValidationFailed;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads query parameters by name (with accepted aliases), collecting every bad value and unknown
 * parameter so that {@link #done()} reports them in one 400 under {@code details.invalidParams}.
 */
public final class QueryParams {
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();
    private final Map<String, Object> invalid = new LinkedHashMap<>();

    public QueryParams(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** The value of {@code name}, or of the first alias present. */
    public Optional<String> get(String name, String... aliases) {
        read.add(name);
        String v = values.get(name);
        for (String alias : aliases) {
            read.add(alias);
            if (v == null) {
                v = values.get(alias);
            }
        }
        return Optional.ofNullable(v);
    }

    public Optional<Integer> integer(String name, int min, int max, String... aliases) {
        Optional<String> raw = get(name, aliases);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                invalid(name, max == Integer.MAX_VALUE ? "Must be at least " + min : "Must be between " + min + " and " + max);
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            invalid(name, max == Integer.MAX_VALUE ? "Must be an integer of at least " + min
                    : "Must be between " + min + " and " + max);
            return Optional.empty();
        }
    }

    public void invalid(String name, String message) {
        invalid.put(name, message);
    }

    public void done() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                invalid.putIfAbsent(name, "Unknown parameter");
            }
        }
        if (!invalid.isEmpty()) {
            throw new ValidationFailed("Invalid query parameters", Map.of("invalidParams", invalid));
        }
    }
}
