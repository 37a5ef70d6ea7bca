package dev.leadbase.shared.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds a condition, filter or update expression with generated placeholders (no string-built values). */
public final class Expr {
    private static final Pattern NOT_PLAIN = Pattern.compile("[^A-Za-z0-9_]");
    public final Map<String, String> names;
    public final Map<String, AttributeValue> values;
    private final List<String> parts = new ArrayList<>();

    public Expr() {
        this(new HashMap<>(), new HashMap<>());
    }

    private Expr(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /** A second expression (e.g. a filter) sharing this one's placeholders (e.g. a key condition's). */
    public Expr sibling() {
        return new Expr(names, values);
    }

    public String name(String attribute) {
        String placeholder = "#" + (plain(attribute) ? attribute : NOT_PLAIN.matcher(attribute).replaceAll("_"));
        names.put(placeholder, attribute);
        return placeholder;
    }

    /** Whether every character of {@code attribute} may stand in a placeholder as it is (letters, digits, '_'). */
    private static boolean plain(String attribute) {
        for (int i = 0; i < attribute.length(); i++) {
            char c = attribute.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public String value(AttributeValue v) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, v);
        return placeholder;
    }

    public Expr and(String part) {
        parts.add(part);
        return this;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public String joined(String separator) {
        return String.join(separator, parts);
    }
}
