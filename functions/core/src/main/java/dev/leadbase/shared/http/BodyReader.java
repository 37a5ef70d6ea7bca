package dev.leadbase.shared.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.ids.IdKind;
import dev.leadbase.shared.json.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a JSON object body field by field, collecting every problem (wrong type, missing, unknown
 * field) so that {@link #done()} reports them all in one 400 under {@code details.invalidFields}.
 * {@link #parse} first holds the whole body to the rules of every body: depth, no duplicate keys or trailing
 * text ({@link Json#readBody}), numbers DynamoDB can store and no control characters ({@link InputRules}).
 */
public final class BodyReader {
    private final ObjectNode body;
    private final Set<String> read = new HashSet<>();
    private final Map<String, Object> invalid = new LinkedHashMap<>();

    private BodyReader(ObjectNode body) {
        this.body = body;
    }

    public static BodyReader parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationFailed("Request body is required",
                    Map.of("invalidFields", Map.of("body", "Must be a JSON object")));
        }
        JsonNode node;
        try {
            node = Json.readBody(text);
        } catch (JsonProcessingException e) {
            throw new ValidationFailed("Malformed JSON body", Map.of("invalidFields", Map.of("body", malformed(e))));
        }
        BodyReader reader = of(node, "body");
        Map<String, Object> problems = ruleBreaks(node);
        if (!problems.isEmpty()) {
            throw new ValidationFailed("Invalid request body", Map.of("invalidFields", problems));
        }
        return reader;
    }

    /** What is wrong with a body the parser refused, with its place when the parser knows it. */
    private static String malformed(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem;
        if (e instanceof StreamConstraintsException) {
            problem = what.contains("nesting depth") ? "Nested more than " + Json.MAX_BODY_DEPTH + " levels deep"
                    : "Exceeds a parser limit (length of a number, string or name)";
        } else if (what.startsWith("Duplicate field")) {
            problem = "Duplicate field " + what.substring("Duplicate field".length()).trim();
        } else if (what.startsWith("Trailing token")) {
            problem = "Unexpected text after the JSON value";
        } else {
            problem = "Malformed JSON";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? problem
                : problem + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** At most this many rule breaks are listed for one body, so that a hostile body cannot grow the answer. */
    private static final int MAX_LISTED = 20;

    /** Every value of {@code tree} that breaks a rule, by its path ({@code customFields.n}, {@code events[2].type}). */
    private static Map<String, Object> ruleBreaks(JsonNode tree) {
        Map<String, Object> problems = new LinkedHashMap<>();
        walk(tree, "", problems);
        return problems;
    }

    private static void walk(JsonNode node, String path, Map<String, Object> problems) {
        if (problems.size() >= MAX_LISTED) {
            return;
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!InputRules.controlFree(field.getKey())) {
                    problems.put(path.isEmpty() ? "body" : path, "Field names " + InputRules.TEXT_MESSAGE.toLowerCase());
                } else {
                    walk(field.getValue(), child, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isTextual()) {
            if (!InputRules.controlFree(node.textValue())) {
                problems.put(path.isEmpty() ? "body" : path, InputRules.TEXT_MESSAGE);
            }
        } else if (node.isNumber()) {
            boolean ok = node.isFloatingPointNumber() && !node.isBigDecimal() ? InputRules.storable(node.doubleValue())
                    : InputRules.storable(node.decimalValue());
            if (!ok) {
                problems.put(path.isEmpty() ? "body" : path, InputRules.NUMBER_MESSAGE);
            }
        }
    }

    /** Reads a nested object (or the body itself) the same way. */
    public static BodyReader of(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new ValidationFailed("Invalid request body",
                    Map.of("invalidFields", Map.of(name, "Must be a JSON object")));
        }
        return new BodyReader((ObjectNode) node);
    }

    public ObjectNode raw() {
        return body;
    }

    public boolean has(String name) {
        return body.has(name);
    }

    public Optional<String> string(String name) {
        return typed(name, JsonNode::isTextual, "Must be a string", JsonNode::asText);
    }

    public String requiredString(String name) {
        boolean present = body.hasNonNull(name);
        Optional<String> value = string(name);
        if (!present) {
            invalid.put(name, "Is required");
        }
        return value.orElse(null);
    }

    /** An id of {@code kind}: a malformed one is reported under {@code name} and reads as absent. */
    public Optional<String> id(String name, IdKind kind) {
        Optional<String> value = string(name);
        if (value.isPresent() && !kind.valid(value.get())) {
            invalid.put(name, kind.message());
            return Optional.empty();
        }
        return value;
    }

    public Optional<Long> integer(String name) {
        return typed(name, n -> n.isIntegralNumber() && n.canConvertToLong(), "Must be an integer", JsonNode::asLong);
    }

    public Optional<Double> number(String name) {
        return typed(name, JsonNode::isNumber, "Must be a number", JsonNode::asDouble);
    }

    public Optional<Boolean> bool(String name) {
        return typed(name, JsonNode::isBoolean, "Must be true or false", JsonNode::asBoolean);
    }

    public Optional<List<String>> strings(String name) {
        return typed(name, n -> n.isArray() && n.valueStream().allMatch(JsonNode::isTextual),
                "Must be an array of strings", n -> n.valueStream().map(JsonNode::asText).toList());
    }

    public Optional<JsonNode> node(String name) {
        JsonNode n = take(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    public void invalid(String name, String message) {
        invalid.put(name, message);
    }

    public Map<String, Object> problems() {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!read.contains(field)) {
                invalid.putIfAbsent(field, "Unknown field");
            }
        }
        return invalid;
    }

    /** Throws one VALIDATION_ERROR naming every bad and unknown field, if any. */
    public void done() {
        Map<String, Object> problems = problems();
        if (!problems.isEmpty()) {
            throw new ValidationFailed("Invalid request body", Map.of("invalidFields", problems));
        }
    }

    /** The field as a {@code T} when present, non-null and of its JSON type; otherwise reported as {@code message}. */
    private <T> Optional<T> typed(String name, Predicate<JsonNode> fits, String message, Function<JsonNode, T> read) {
        JsonNode n = take(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!fits.test(n)) {
            invalid.put(name, message);
            return Optional.empty();
        }
        return Optional.of(read.apply(n));
    }

    private JsonNode take(String name) {
        read.add(name);
        return body.get(name);
    }
}
