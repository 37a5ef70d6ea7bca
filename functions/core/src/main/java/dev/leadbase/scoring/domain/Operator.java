package dev.leadbase.scoring.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a profile rule compares a lead field with its value. */
public enum Operator {
    EQUALS, NOT_EQUALS, CONTAINS, STARTS_WITH, IN, GTE, LTE, EXISTS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Operator> fromWire(String value) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(value)).findFirst();
    }

    public static String allWire() {
        return String.join(", ", Arrays.stream(values()).map(Operator::wire).toList());
    }
}
