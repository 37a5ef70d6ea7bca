package dev.leadbase.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Lambda event-filtering patterns (the subset the local runtime needs): exact values, exists, anything-but,
 * prefix, suffix, equals-ignore-case and numeric. A record passes when it matches any of the patterns.
 */
public final class EventFilter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<Map<String, Object>> patterns;

    @SuppressWarnings("unchecked")
    public EventFilter(List<String> patternJson) {
        this.patterns = patternJson.stream().map(json -> {
            try {
                return (Map<String, Object>) MAPPER.readValue(json, Map.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("Invalid FilterCriteria pattern: " + json, e);
            }
        }).toList();
    }

    public boolean accepts(Map<String, Object> record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> matchesObject(p, record));
    }

    @SuppressWarnings("unchecked")
    private static boolean matchesObject(Map<String, Object> pattern, Object value) {
        Map<String, Object> record = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        for (var entry : pattern.entrySet()) {
            boolean present = record.containsKey(entry.getKey());
            Object field = record.get(entry.getKey());
            boolean ok;
            if (entry.getValue() instanceof Map<?, ?> nested) {
                ok = matchesObject((Map<String, Object>) nested, field);
            } else if (entry.getValue() instanceof List<?> matchers) {
                ok = matchers.stream().anyMatch(m -> matchesValue(m, present, field));
            } else {
                ok = matchesValue(entry.getValue(), present, field);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean matchesValue(Object matcher, boolean present, Object field) {
        if (field instanceof List<?> values && !(matcher instanceof Map<?, ?> m && m.containsKey("exists"))) {
            return values.stream().anyMatch(v -> matchesValue(matcher, true, v));
        }
        if (!(matcher instanceof Map<?, ?> rule)) {
            return present && equal(matcher, field);
        }
        Map<String, Object> r = (Map<String, Object>) rule;
        if (r.containsKey("exists")) {
            return Boolean.TRUE.equals(r.get("exists")) == (present && field != null);
        }
        if (!present) {
            return false;
        }
        if (r.containsKey("prefix")) {
            return field instanceof String s && s.startsWith(String.valueOf(r.get("prefix")));
        }
        if (r.containsKey("suffix")) {
            return field instanceof String s && s.endsWith(String.valueOf(r.get("suffix")));
        }
        if (r.containsKey("equals-ignore-case")) {
            return field instanceof String s && s.equalsIgnoreCase(String.valueOf(r.get("equals-ignore-case")));
        }
        if (r.containsKey("anything-but")) {
            Object excluded = r.get("anything-but");
            if (excluded instanceof List<?> list) {
                return list.stream().noneMatch(x -> equal(x, field));
            }
            if (excluded instanceof Map<?, ?> inner) {
                return !matchesValue(inner, true, field);
            }
            return !equal(excluded, field);
        }
        if (r.containsKey("numeric")) {
            return numeric((List<Object>) r.get("numeric"), field);
        }
        return false;
    }

    private static boolean numeric(List<Object> conditions, Object field) {
        BigDecimal value;
        try {
            value = new BigDecimal(String.valueOf(field));
        } catch (NumberFormatException e) {
            return false;
        }
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            int cmp = value.compareTo(new BigDecimal(String.valueOf(conditions.get(i + 1))));
            boolean ok = switch (String.valueOf(conditions.get(i))) {
                case "=" -> cmp == 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number && actual instanceof Number) {
            return new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
        }
        return expected.toString().equals(actual.toString()) && expected.getClass() == actual.getClass()
                || expected instanceof String && actual instanceof String && expected.equals(actual);
    }
}
