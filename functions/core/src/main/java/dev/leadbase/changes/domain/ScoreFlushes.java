package dev.leadbase.changes.domain;

import java.time.Instant;
import java.util.Collection;

/**
 * The timer of held-back score changes: at {@code due} (the end of the lead's minute), the lead's score under the rule
 * set is looked at again and told if it moved since what was last told (the changes queue is FIFO, and FIFO queues
 * delay no single message: a standard queue with a delay per message).
 */
public interface ScoreFlushes {
    /**
     * A lead's score under one rule set to look at again at {@code due}. {@code fromScore} and {@code fromLevel} are
     * what the lead had before the first change the flush was scheduled for: what was last told of it, which the flush
     * tells from when no record of the last telling is kept (null: no score, or no level).
     */
    record Flush(String tenantId, String leadId, String rulesetId, Instant due, Long fromScore, String fromLevel) {
    }

    /** Schedules each flush; the same flush scheduled twice is looked at twice, and told once. */
    void schedule(Collection<Flush> flushes);
}
