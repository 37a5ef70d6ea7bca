package dev.leadbase.scoring.domain;

import java.time.Instant;

/** A lead's newest engagement event: when it occurred and its type. */
public record LastEvent(Instant at, String type) {
    /** The event, or null when the lead has none. */
    public static LastEvent of(Instant at, String type) {
        return at == null ? null : new LastEvent(at, type);
    }
}
