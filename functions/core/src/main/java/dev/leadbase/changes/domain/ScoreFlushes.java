package dev.leadbase.changes.domain;

import java.time.Instant;
import java.util.Collection;

/**
 * The timer of held-back score changes: at {@code due} (the end of the minute of the last event told), the lead's
 * score under the rule set is looked at again and told if it moved since (the changes queue is FIFO, and FIFO queues
 * delay no single message: a standard queue with a delay per message).
 */
public interface ScoreFlushes {
    /** A lead's score under one rule set to look at again at {@code due}. */
    record Flush(String tenantId, String leadId, String rulesetId, Instant due) {
    }

    /** Schedules each flush; the same flush scheduled twice is looked at twice, and told once. */
    void schedule(Collection<Flush> flushes);
}
