package dev.leadbase.scoring.edge;

import dev.leadbase.scoring.domain.Decay;
import dev.leadbase.scoring.domain.EngagementRule;
import dev.leadbase.scoring.domain.Operator;
import dev.leadbase.scoring.domain.ProfileRule;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.Threshold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.leadbase.shared.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The JSON form of rules, thresholds and decay, shared by the API and the stored rule set: reading collects
 * every problem under its path (e.g. {@code rules[2].operator}) instead of stopping at the first.
 */
public final class RulesetJson {
    private RulesetJson() {
    }

    public static List<Map<String, Object>> rules(Ruleset r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EngagementRule rule : r.engagementRules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventType", rule.eventType());
            m.put("points", rule.points());
            if (rule.maxPerDay() != null) {
                m.put("maxPerDay", rule.maxPerDay());
            }
            out.add(m);
        }
        for (ProfileRule rule : r.profileRules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", rule.field());
            m.put("operator", rule.operator().wire());
            m.put("value", rule.value());
            m.put("points", rule.points());
            out.add(m);
        }
        return out;
    }

    public static List<Map<String, Object>> thresholds(List<Threshold> thresholds) {
        return thresholds.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", t.level());
            m.put("min", t.min());
            return m;
        }).toList();
    }

    public static Map<String, Object> decay(Decay decay) {
        if (decay instanceof Decay.HalfLife h) {
            return Map.of("halfLifeDays", h.halfLifeDays());
        }
        if (decay instanceof Decay.Linear l) {
            return Map.of("points", l.points(), "intervalDays", l.intervalDays());
        }
        return null;
    }

    /** Engagement rules from a JSON array; problems go to {@code problems} under {@code rules[i].field}. */
    public static List<EngagementRule> engagementRules(JsonNode rules, Map<String, Object> problems) {
        return objects(rules, "rules", "{eventType, points, maxPerDay?}", problems, (n, at) -> {
            unknown(n, at, problems, "eventType", "points", "maxPerDay");
            String type = text(n, "eventType", at, problems, true);
            Long points = integer(n, "points", at, problems, true);
            Long max = integer(n, "maxPerDay", at, problems, false);
            if (max != null && (max < 1 || max > 10_000)) {
                problems.put(at + ".maxPerDay", "Must be between 1 and 10000");
                max = null;
            }
            Integer perDay = max == null ? null : max.intValue();
            return type != null && points != null ? new EngagementRule(type, points, perDay) : null;
        });
    }

    /** Profile rules from a JSON array, checking that each operator gets a value it can use. */
    public static List<ProfileRule> profileRules(JsonNode rules, Map<String, Object> problems) {
        return objects(rules, "rules", "{field, operator, value, points}", problems, (n, at) -> {
            unknown(n, at, problems, "field", "operator", "value", "points");
            String field = text(n, "field", at, problems, true);
            String op = text(n, "operator", at, problems, true);
            Long points = integer(n, "points", at, problems, true);
            Operator operator = op == null ? null : Operator.fromWire(op).orElse(null);
            if (op != null && operator == null) {
                problems.put(at + ".operator", "Must be one of " + Operator.allWire());
            }
            Object value = value(n.get("value"));
            if (operator != null) {
                String problem = valueProblem(operator, n.get("value"));
                if (problem != null) {
                    problems.put(at + ".value", problem);
                    operator = null;
                }
            }
            return field != null && operator != null && points != null ? new ProfileRule(field, operator, value, points)
                    : null;
        });
    }

    public static List<Threshold> thresholds(JsonNode node, Map<String, Object> problems) {
        if (!node.isArray() || node.isEmpty()) {
            problems.put("thresholds", "Must be a non-empty array of {level, min}");
            return new ArrayList<>();
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        return objects(node, "thresholds", "{level, min}", problems, (n, at) -> {
            unknown(n, at, problems, "level", "min");
            String level = text(n, "level", at, problems, true);
            Long min = integer(n, "min", at, problems, true);
            if (level != null && !names.add(level)) {
                problems.put(at + ".level", "Duplicate level " + level);
                return null;
            }
            return level != null && min != null ? new Threshold(level, min) : null;
        });
    }

    /**
     * Reads each element of {@code array} (reported as {@code name[i]}) that is an object, else reports it as not
     * {@code shape}; {@code read} answers null for an element whose problems it has reported.
     */
    private static <T> List<T> objects(JsonNode array, String name, String shape, Map<String, Object> problems,
                                       BiFunction<JsonNode, String, T> read) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String at = name + "[" + i + "]";
            if (!n.isObject()) {
                problems.put(at, "Must be an object " + shape);
                continue;
            }
            T value = read.apply(n, at);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    public static Decay decay(JsonNode n, Map<String, Object> problems) {
        if (!n.isObject()) {
            problems.put("decay", "Must be {halfLifeDays} or {points, intervalDays}");
            return null;
        }
        if (n.has("halfLifeDays")) {
            unknown(n, "decay", problems, "halfLifeDays");
            JsonNode h = n.get("halfLifeDays");
            if (!h.isNumber() || !(h.asDouble() > 0) || h.asDouble() > 3650) {
                problems.put("decay.halfLifeDays", "Must be a number of days between 0 and 3650");
                return null;
            }
            return new Decay.HalfLife(h.asDouble());
        }
        unknown(n, "decay", problems, "points", "intervalDays");
        Long points = integer(n, "points", "decay", problems, true);
        Long interval = integer(n, "intervalDays", "decay", problems, true);
        if (points != null && points < 1) {
            problems.put("decay.points", "Must be at least 1");
            return null;
        }
        if (interval != null && (interval < 1 || interval > 3650)) {
            problems.put("decay.intervalDays", "Must be between 1 and 3650");
            return null;
        }
        return points == null || interval == null ? null : new Decay.Linear(points, interval.intValue());
    }

    /** A JSON value as a plain Java value (String, Long, Double, Boolean, List, Map). */
    public static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return Json.mapper().convertValue(n, Object.class);
    }

    private static String valueProblem(Operator operator, JsonNode v) {
        boolean scalar = v != null && (v.isTextual() || v.isNumber() || v.isBoolean());
        boolean stringList = v != null && v.isArray() && !v.isEmpty() && allScalar(v);
        return switch (operator) {
            case EXISTS -> v == null || v.isNull() || v.isBoolean() ? null : "Must be true, false or absent";
            case IN -> stringList ? null : "Must be a non-empty array of strings or numbers";
            case GTE, LTE -> v != null && v.isNumber() ? null : "Must be a number";
            case CONTAINS, STARTS_WITH -> v != null && (v.isTextual() || stringList) ? null
                    : "Must be a string or an array of strings";
            case EQUALS, NOT_EQUALS -> scalar ? null : "Must be a string, number or boolean";
        };
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode n : array) {
            if (!(n.isTextual() || n.isNumber())) {
                return false;
            }
        }
        return true;
    }

    private static void unknown(JsonNode n, String at, Map<String, Object> problems, String... known) {
        List<String> allowed = List.of(known);
        n.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                problems.put(at + "." + f, "Unknown field");
            }
        });
    }

    private static String text(JsonNode n, String name, String at, Map<String, Object> problems, boolean required) {
        return ObjectFields.field(n, name, at, problems, required,
                v -> v.isTextual() && !v.asText().isBlank() && v.asText().length() <= 200,
                "Must be a non-empty string of at most 200 characters", v -> v.asText().trim());
    }

    private static Long integer(JsonNode n, String name, String at, Map<String, Object> problems, boolean required) {
        return ObjectFields.field(n, name, at, problems, required,
                v -> v.getNodeType() == JsonNodeType.NUMBER && v.isIntegralNumber() && v.canConvertToInt(),
                "Must be an integer", JsonNode::asLong);
    }
}
