package dev.leadbase.scoring.domain;

import java.util.List;

/**
 * Points when a lead field satisfies a condition. {@code field} is a lead field name, a
 * {@code customFields.<name>} path, or one of the derived fields {@code emailDomain} and
 * {@code emailFreeMail}. {@code value} is a string, number, boolean or list of strings.
 */
public record ProfileRule(String field, Operator operator, Object value, long points) {
    public ProfileRule {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field is required");
        }
        if (operator == null) {
            throw new IllegalArgumentException("operator is required");
        }
        if (operator == Operator.IN && !(value instanceof List<?>)) {
            throw new IllegalArgumentException("in needs a list value");
        }
        if ((operator == Operator.GTE || operator == Operator.LTE) && !(value instanceof Number)) {
            throw new IllegalArgumentException(operator.wire() + " needs a number value");
        }
        if (operator != Operator.EXISTS && value == null) {
            throw new IllegalArgumentException(operator.wire() + " needs a value");
        }
        if (value instanceof List<?> list) {
            value = List.copyOf(list);
        }
    }

    public String describe() {
        return field + " " + operator.wire() + (operator == Operator.EXISTS && value == null ? "" : " " + value);
    }
}
