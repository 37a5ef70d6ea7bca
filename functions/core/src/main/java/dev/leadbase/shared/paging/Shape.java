package dev.leadbase.shared.paging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exact fields a route's cursor holds and the type of each; a decoded cursor must match one. */
public final class Shape {
    /** DynamoDB's limit for a sort key value, which every text of a position may become. */
    static final int MAX_TEXT_BYTES = 1024;

    /** What a field may hold. */
    public enum Type {
        /** A non-empty string of at most 1,024 UTF-8 bytes (a key value). */
        TEXT,
        /** A page number: a whole number from 1 to 2^31 - 1. */
        PAGE,
        /** An offset into a list: a whole number from 0 to 2^31 - 1. */
        OFFSET,
        /** Any whole number that fits in 64 bits (a numeric key value). */
        NUMBER;

        boolean accepts(Object value) {
            return switch (this) {
                case TEXT -> value instanceof String s && !s.isEmpty()
                        && s.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES;
                case PAGE -> value instanceof Long n && n >= 1 && n <= Integer.MAX_VALUE;
                case OFFSET -> value instanceof Long n && n >= 0 && n <= Integer.MAX_VALUE;
                case NUMBER -> value instanceof Long;
            };
        }
    }

    private final Map<String, Type> fields;

    private Shape(Map<String, Type> fields) {
        this.fields = fields;
    }

    /** A shape from name/type pairs. */
    public static Shape of(Object... namesAndTypes) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put((String) namesAndTypes[i], (Type) namesAndTypes[i + 1]);
        }
        return new Shape(Map.copyOf(fields));
    }

    /** True when the fields are exactly this shape's, each of its type. */
    boolean matches(Map<String, Object> values) {
        if (!values.keySet().equals(fields.keySet())) {
            return false;
        }
        return fields.entrySet().stream().allMatch(f -> f.getValue().accepts(values.get(f.getKey())));
    }
}
