package dev.leadbase.scoring.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Reads the fields of an object in a request array (a rule, a threshold, an event), problems under {@code at.name}. */
final class ObjectFields {
    private ObjectFields() {
    }

    /** Field {@code name} of {@code n} when it {@code fits}; else null, with the problem reported. */
    static <T> T field(JsonNode n, String name, String at, Map<String, Object> problems, boolean required,
                       Predicate<JsonNode> fits, String message, Function<JsonNode, T> read) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problems.put(at + "." + name, "Is required");
            }
            return null;
        }
        if (!fits.test(v)) {
            problems.put(at + "." + name, message);
            return null;
        }
        return read.apply(v);
    }
}
