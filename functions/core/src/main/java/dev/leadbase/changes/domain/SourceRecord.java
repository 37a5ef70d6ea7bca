package dev.leadbase.changes.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * One change as a table's stream recorded it, which the change events it makes are derived from: the stream, the
 * record's position in it (its sequence number), what kind of change it was and when it was recorded. A retried
 * record is the same record, so the events made from it have the same ids.
 */
public record SourceRecord(String stream, String position, Kind kind, Instant at) {
    /** What happened to the item: created, changed, removed. */
    public enum Kind { INSERT, MODIFY, REMOVE }

    public SourceRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The id of the event this record makes; {@code part} tells apart the events one record makes (its type, and a
     * rule set for score changes). {@code evt_} and 43 characters of [A-Za-z0-9_-] (SHA-256, URL-safe Base64).
     */
    public String eventId(String part) {
        return idOf(stream, position, part);
    }

    /** An event id of the same form made from other stable parts (a coalesced score change names its window). */
    public static String idOf(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "evt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
