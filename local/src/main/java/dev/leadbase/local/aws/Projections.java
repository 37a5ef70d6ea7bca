package dev.leadbase.local.aws;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The top-level attributes a read asks for, and an item cut down to them (a nested path keeps its whole top level). */
final class Projections {
    private Projections() {
    }

    /** The top-level names of a ProjectionExpression or AttributesToGet; null when the read wants whole items. */
    static Set<String> names(String expression, Map<String, String> names, List<String> attributesToGet) {
        if (expression != null && !expression.isBlank()) {
            Set<String> out = new LinkedHashSet<>();
            for (String path : expression.split(",")) {
                String head = path.trim().split("[.\\[]", 2)[0].trim();
                out.add(head.startsWith("#") && names != null && names.containsKey(head) ? names.get(head) : head);
            }
            return out;
        }
        if (attributesToGet != null && !attributesToGet.isEmpty()) {
            return new LinkedHashSet<>(attributesToGet);
        }
        return null;
    }

    /** A projection widened to the table's key attributes, so that the mode can tell which item each answer is. */
    record Widened(String expression, Map<String, String> names, List<String> attributesToGet) {
    }

    /**
     * {@code expression} (or {@code attributesToGet}) with the attributes {@code keys} added, under placeholders of
     * their own; null when the read asks for whole items.
     */
    static Widened widen(String expression, Map<String, String> names, List<String> attributesToGet, List<String> keys) {
        if (expression != null && !expression.isBlank()) {
            // a key attribute already asked for stays as it is (DynamoDB refuses overlapping paths)
            Set<String> asked = names(expression, names, null);
            Map<String, String> allNames = new HashMap<>(names == null ? Map.of() : names);
            StringBuilder widened = new StringBuilder(expression);
            for (int i = 0; i < keys.size(); i++) {
                if (asked.contains(keys.get(i))) {
                    continue;
                }
                String placeholder = "#lbModeKey" + i;
                allNames.put(placeholder, keys.get(i));
                widened.append(", ").append(placeholder);
            }
            return new Widened(widened.toString(), allNames.isEmpty() ? null : allNames, null);
        }
        if (attributesToGet != null && !attributesToGet.isEmpty()) {
            Set<String> all = new LinkedHashSet<>(attributesToGet);
            all.addAll(keys);
            return new Widened(null, null, List.copyOf(all));
        }
        return null;
    }

    static Map<String, AttributeValue> apply(Map<String, AttributeValue> image, Set<String> names) {
        if (names == null) {
            return image;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        names.forEach(n -> {
            if (image.containsKey(n)) {
                out.put(n, image.get(n));
            }
        });
        return out;
    }
}
