package dev.leadbase.shared.http;

import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.ids.IdKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads query parameters by name (with accepted aliases), collecting every bad value and unknown
 * parameter so that {@link #done()} reports them in one 400 under {@code details.invalidParams}, each
 * under the name the caller sent ({@code min_score} when the value came as {@code min_score}).
 */
public final class QueryParams {
    /** The longest value any query parameter takes (a cursor is the longest). */
    public static final int MAX_LENGTH = 4096;
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();
    private final Map<String, Object> invalid = new LinkedHashMap<>();
    /** The alias a parameter's value was read from, when not its own name. */
    private final Map<String, String> sentAs = new HashMap<>();
    /** The raw value each parameter read so far was given, under its own name or an alias. */
    private final Map<String, String> given = new LinkedHashMap<>();

    public QueryParams(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    /**
     * The value of {@code name}, or of the alias it was sent as (under both names it is a bad value). A value longer
     * than {@link #MAX_LENGTH} or holding a control character is reported under the name sent and reads as absent.
     */
    public Optional<String> get(String name, String... aliases) {
        read.add(name);
        String v = values.get(name);
        String from = name;
        for (String alias : aliases) {
            read.add(alias);
            if (values.get(alias) == null) {
                continue;
            }
            if (v == null) {
                v = values.get(alias);
                from = alias;
                sentAs.put(name, alias);
            } else {
                // one parameter under two names is ambiguous, as a JSON key given twice is
                invalid.put(alias, "Must not be given together with " + from);
            }
        }
        if (v != null) {
            given.put(name, v);
        }
        if (v != null && (v.length() > MAX_LENGTH || !InputRules.singleLine(v))) {
            invalid(name, v.length() > MAX_LENGTH ? "Must be at most " + MAX_LENGTH + " characters"
                    : InputRules.TEXT_MESSAGE);
            return Optional.empty();
        }
        return Optional.ofNullable(v);
    }

    /**
     * An id of {@code kind}: a malformed one, the empty value included, is reported under {@code name} and reads as
     * absent.
     */
    public Optional<String> id(String name, IdKind kind, String... aliases) {
        Optional<String> raw = get(name, aliases).map(String::trim);
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

    /** The raw value {@code name} was given, under its own name or an alias, if it has been read. */
    public Optional<String> given(String name) {
        return Optional.ofNullable(given.get(name));
    }

    /** True when every parameter given is one of {@code names} (read or not). */
    public boolean givenOnly(Set<String> names) {
        return names.containsAll(values.keySet());
    }

    /** Reports the value of {@code name} as bad, under the name (or alias) it was sent as. */
    public void invalid(String name, String message) {
        invalid.put(sentAs.getOrDefault(name, name), message);
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
