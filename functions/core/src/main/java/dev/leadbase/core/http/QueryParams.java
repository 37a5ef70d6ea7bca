package dev.leadbase.core.http;

import dev.leadbase.core.errors.ValidationFailed;
import dev.leadbase.core.ids.IdKind;
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
    /** The longest value any query parameter takes (a cursor is the longest). */
    public static final int MAX_LENGTH = 4096;
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();
    private final Map<String, Object> invalid = new LinkedHashMap<>();

    public QueryParams(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    /**
     * The value of {@code name}, or of the first alias present. A value longer than {@link #MAX_LENGTH} or holding a
     * control character is reported under {@code name} and reads as absent.
     */
    public Optional<String> get(String name, String... aliases) {
        read.add(name);
        String v = values.get(name);
        for (String alias : aliases) {
            read.add(alias);
            if (v == null) {
                v = values.get(alias);
            }
        }
        if (v != null && (v.length() > MAX_LENGTH || !InputRules.singleLine(v))) {
            invalid(name, v.length() > MAX_LENGTH ? "Must be at most " + MAX_LENGTH + " characters"
                    : InputRules.TEXT_MESSAGE);
            return Optional.empty();
        }
        return Optional.ofNullable(v);
    }

    /** An id of {@code kind}: a malformed one is reported under {@code name} and reads as absent. */
    public Optional<String> id(String name, IdKind kind, String... aliases) {
        Optional<String> raw = get(name, aliases).map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isPresent() && !kind.valid(raw.get())) {
            invalid(name, kind.message());
            return Optional.empty();
        }
        return raw;
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
