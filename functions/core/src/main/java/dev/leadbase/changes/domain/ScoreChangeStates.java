package dev.leadbase.changes.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What was last told of each lead's score under each rule set: the coalescing of score changes keeps one such record
 * per lead and rule set, and writes it only when it tells something (an event), never per score change held back.
 */
public interface ScoreChangeStates {
    /**
     * The score change last told, as an event with {@code eventId} at {@code at} (a level change's record's time, or
     * a flush's minute's end).
     */
    record Told(String eventId, Instant at, ScoreMove move) {
    }

    /** What was last told of the lead, by rule set id. */
    Map<String, Told> of(String tenantId, String leadId);

    Optional<Told> of(String tenantId, String leadId, String rulesetId);

    /**
     * Records {@code told} of its move's lead and rule set if what is recorded is still {@code expected} (null: nothing);
     * false when another writer recorded something else meanwhile.
     */
    boolean record(Told told, Told expected);
}
