package dev.leadbase.shared.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.json.Json;
import dev.leadbase.shared.time.IsoTime;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small conversions between attribute values and Java values. */
public final class Items {
    private Items() {
    }

    public static AttributeValue s(String value) {
        return value == null ? nul() : AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    public static AttributeValue ss(Collection<String> values) {
        return AttributeValue.fromSs(List.copyOf(values));
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    public static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    public static AttributeValue instant(Instant value) {
        return value == null ? nul() : AttributeValue.fromS(value.toString());
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || Boolean.TRUE.equals(v.nul()) ? null : v.s();
    }

    /** A string attribute holding JSON this code wrote; unreadable JSON is a corrupt item, named by {@code what}. */
    public static JsonNode json(Map<String, AttributeValue> item, String name, String what) {
        try {
            return Json.read(str(item, name));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt " + what, e);
        }
    }

    public static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    public static Optional<Double> decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? Optional.empty() : Optional.of(Double.parseDouble(v.n()));
    }

    public static Instant time(Map<String, AttributeValue> item, String name) {
        String s = str(item, name);
        return s == null ? null : IsoTime.parse(s);
    }

    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null) {
            return List.of();
        }
        if (v.hasSs()) {
            return v.ss();
        }
        if (v.hasL()) {
            return v.l().stream().map(AttributeValue::s).toList();
        }
        return List.of();
    }
}
