package dev.leadbase.shared.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * JSON in and out. Maps, lists and plain values, which is what responses and log lines are made of, are written
 * by hand: the mapper, whose first use loads some 500 classes, stays out of a cold start's first {@code GET}.
 * Anything else, and all reading, goes through the one mapper of the process, built on first use.
 */
public final class Json {
    /** How deep a request body may nest objects and arrays. */
    public static final int MAX_BODY_DEPTH = 32;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json() {
    }

    /** The process's mapper: built once, no modules scanned. */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Reads request bodies: at most {@link #MAX_BODY_DEPTH} levels, no duplicate keys, nothing after the value. */
    private static final class BodyMapper {
        static final ObjectMapper INSTANCE = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_BODY_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The JSON text of {@code value}, exactly as the mapper would write it. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        append(out, value);
        return out.toString();
    }

    public static JsonNode read(String text) throws JsonProcessingException {
        return mapper().readTree(text);
    }

    /** A request body, read strictly (see {@link BodyMapper}); what breaks a rule is a JsonProcessingException. */
    public static JsonNode readBody(String text) throws JsonProcessingException {
        return BodyMapper.INSTANCE.readTree(text);
    }

    public static <T> T read(String text, Class<T> type) {
        try {
            return mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strings and maps first: they are most of what a response or a log line holds. */
    private static void append(StringBuilder out, Object value) {
        if (value instanceof CharSequence s) {
            quote(out, s);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, e.getKey() instanceof Enum<?> key ? key.name() : String.valueOf(e.getKey()));
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Long n) {
            out.append(n.longValue());
        } else if (value instanceof Integer n) {
            out.append(n.intValue());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item);
            }
            out.append(']');
        } else {
            appendOther(out, value);
        }
    }

    private static void appendOther(StringBuilder out, Object value) {
        switch (value) {
            case Short n -> out.append(n.shortValue());
            case Byte n -> out.append(n.byteValue());
            case BigInteger n -> out.append(n);
            case BigDecimal n -> out.append(n);
            case Double d when Double.isFinite(d) -> out.append(d.doubleValue());
            case Float f when Float.isFinite(f) -> out.append(f.floatValue());
            case Double d -> quote(out, d.toString());
            case Float f -> quote(out, f.toString());
            case Enum<?> e -> quote(out, e.name());
            case Object[] items -> append(out, Arrays.asList(items));
            default -> {
                try {
                    out.append(mapper().writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A JSON string as Jackson writes one: quote, backslash and control characters escaped, nothing else. */
    private static void quote(StringBuilder out, CharSequence s) {
        out.append('"');
        int clean = 0;  // the start of the run of characters that need no escape
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, clean, i);
            clean = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, clean, s.length()).append('"');
    }
}
