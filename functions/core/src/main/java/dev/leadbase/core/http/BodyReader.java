package dev.leadbase.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbase.core.errors.ValidationFailed;
import dev.leadbase.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON object body field by field, collecting every problem (wrong type, missing, unknown
 * field) so that {@link #done()} reports them all in one 400 under {@code details.invalidFields}.
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
            node = Json.read(text);
        } catch (JsonProcessingException e) {
            throw new ValidationFailed("Malformed JSON body",
                    Map.of("invalidFields", Map.of("body", "Malformed JSON at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr())));
        }
        return of(node, "body");
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
        JsonNode n = take(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            invalid.put(name, "Must be a string");
            return Optional.empty();
        }
        return Optional.of(n.asText());
    }

    public String requiredString(String name) {
        boolean present = body.hasNonNull(name);
        Optional<String> value = string(name);
        if (!present) {
            invalid.put(name, "Is required");
        }
        return value.orElse(null);
    }

    public Optional<Long> integer(String name) {
        JsonNode n = take(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            invalid.put(name, "Must be an integer");
            return Optional.empty();
        }
        return Optional.of(n.asLong());
    }

    public Optional<Double> number(String name) {
        JsonNode n = take(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isNumber()) {
            invalid.put(name, "Must be a number");
            return Optional.empty();
        }
        return Optional.of(n.asDouble());
    }

    public Optional<Boolean> bool(String name) {
        JsonNode n = take(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            invalid.put(name, "Must be true or false");
            return Optional.empty();
        }
        return Optional.of(n.asBoolean());
    }

    public Optional<List<String>> strings(String name) {
        JsonNode n = take(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            invalid.put(name, "Must be an array of strings");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                invalid.put(name, "Must be an array of strings");
                return Optional.empty();
            }
            values.add(item.asText());
        }
        return Optional.of(values);
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

    private JsonNode take(String name) {
        read.add(name);
        return body.get(name);
    }
}
