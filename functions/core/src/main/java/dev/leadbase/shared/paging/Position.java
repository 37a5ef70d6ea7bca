package dev.leadbase.shared.paging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a list resumes: a few named values (texts and whole numbers). A position read from a
 * cursor has been checked against the route's {@link Shape}, so its fields are there and typed.
 */
public final class Position {
    private final Map<String, Object> fields;

    Position(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A position from name/value pairs, values being strings or whole numbers. */
    public static Position of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Names and values come in pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
                throw new IllegalArgumentException("A position holds texts and whole numbers, not " + value);
            }
            fields.put((String) namesAndValues[i], value instanceof Integer n ? Long.valueOf(n) : value);
        }
        return new Position(fields);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public String text(String name) {
        return (String) require(name);
    }

    public long number(String name) {
        return (Long) require(name);
    }

    /** A page number (at least 1 in any position read from a cursor). */
    public int page(String name) {
        return Math.toIntExact(number(name));
    }

    Map<String, Object> fields() {
        return fields;
    }

    private Object require(String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No field " + name + " in this position");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Position" + fields;
    }
}
