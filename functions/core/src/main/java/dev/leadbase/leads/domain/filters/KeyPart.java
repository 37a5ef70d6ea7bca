package dev.leadbase.leads.domain.filters;

import java.time.Instant;

/**
 * What of a filter an index key can serve: an equality on a keyed field ({@code value}), or a range of
 * a sorted one (times {@code from} inclusive, {@code to} exclusive; scores {@code min} to {@code max}).
 */
public record KeyPart(Key key, String value, Instant from, Instant to, Long min, Long max) {
    /** The fields the lead indexes are keyed on. */
    public enum Key { OWNER, COMPANY_ID, COMPANY, STATUS, SOURCE, CREATED, UPDATED, CONTACTED, SCORE, LAST_EVENT }

    public static KeyPart equal(Key key, String value) {
        return new KeyPart(key, value, null, null, null, null);
    }

    public static KeyPart times(Key key, Instant from, Instant to) {
        return new KeyPart(key, null, from, to, null, null);
    }

    public static KeyPart scores(Long min, Long max) {
        return new KeyPart(Key.SCORE, null, null, null, min, max);
    }
}
