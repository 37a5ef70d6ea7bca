package dev.leadbase.leads.domain.filters;

import java.time.Instant;

/**
 * A condition on one stored field of a lead, in terms a store can turn into its filter expression.
 * {@code folded} compares the field's case- and accent-folded copy; values are strings, longs or instants.
 */
public record Condition(String field, Op op, Object value, boolean folded) {
    /** What the field is held to. */
    public enum Op { EQUALS, CONTAINS, AT_LEAST, AT_MOST, BEFORE, PRESENT, ABSENT }

    public static Condition equal(String field, Object value) {
        return new Condition(field, Op.EQUALS, value, false);
    }

    public static Condition foldedEqual(String field, String value) {
        return new Condition(field, Op.EQUALS, value, true);
    }

    /** A list field holding {@code value}, or a string field holding it as a part. */
    public static Condition contains(String field, String value) {
        return new Condition(field, Op.CONTAINS, value, false);
    }

    public static Condition foldedContains(String field, String value) {
        return new Condition(field, Op.CONTAINS, value, true);
    }

    public static Condition atLeast(String field, Object value) {
        return new Condition(field, Op.AT_LEAST, value, false);
    }

    public static Condition atMost(String field, long value) {
        return new Condition(field, Op.AT_MOST, value, false);
    }

    public static Condition before(String field, Instant value) {
        return new Condition(field, Op.BEFORE, value, false);
    }

    public static Condition present(String field) {
        return new Condition(field, Op.PRESENT, null, false);
    }

    public static Condition absent(String field) {
        return new Condition(field, Op.ABSENT, null, false);
    }
}
