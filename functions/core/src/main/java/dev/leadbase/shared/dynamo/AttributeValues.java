package dev.leadbase.shared.dynamo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Whole items as plain Java values, and maps of Java values as M attributes. */
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
}
