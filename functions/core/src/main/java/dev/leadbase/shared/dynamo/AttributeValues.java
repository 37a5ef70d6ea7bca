package dev.leadbase.shared.dynamo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whole items as plain Java values, and paging keys as opaque tokens for the stores' own background
 * loops (re-scoring, decay, stale jobs). Those tokens are never shown to a client: every cursor a
 * client sees is signed by {@link dev.leadbase.shared.paging.CursorSigner}.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    public static Map<String, Object> toJava(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, toJava(v)));
        return out;
    }

    /** S → String, N → Long (or Double), BOOL, NULL → null, M → Map, L/SS/NS → List. */
    public static Object toJava(AttributeValue v) {
        if (v == null || Boolean.TRUE.equals(v.nul())) {
            return null;
        }
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasM()) {
            return toJava(v.m());
        }
        if (v.hasL()) {
            List<Object> list = new ArrayList<>();
            v.l().forEach(x -> list.add(toJava(x)));
            return list;
        }
        if (v.hasSs()) {
            return List.copyOf(v.ss());
        }
        if (v.hasNs()) {
            return v.ns().stream().map(AttributeValues::number).toList();
        }
        return null;
    }

    /** A map of longs as an M attribute. */
    public static AttributeValue longs(Map<String, Long> values) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, Items.n(v)));
        return AttributeValue.fromM(m);
    }

    public static AttributeValue strings(Map<String, String> values) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, Items.s(v)));
        return AttributeValue.fromM(m);
    }

    private static Object number(String n) {
        BigDecimal d = new BigDecimal(n);
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return d.doubleValue();
        }
    }

    /** An internal token for a LastEvaluatedKey made of string and number attributes; null for none. */
    public static String cursor(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        lastKey.forEach((k, v) -> sb.append(k).append('\u0001').append(v.n() != null ? "N" : "S")
                .append(v.n() != null ? v.n() : v.s()).append('\u0002'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor stands for; {@code IllegalArgumentException} when it is not one of ours. */
    public static Map<String, AttributeValue> fromCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String part : text.split("\u0002")) {
            if (part.isEmpty()) {
                continue;
            }
            int sep = part.indexOf('\u0001');
            if (sep < 1 || part.length() < sep + 2) {
                throw new IllegalArgumentException("bad cursor");
            }
            String value = part.substring(sep + 2);
            key.put(part.substring(0, sep), part.charAt(sep + 1) == 'N' ? AttributeValue.fromN(value) : AttributeValue.fromS(value));
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("bad cursor");
        }
        return key;
    }
}
