package dev.leadbase.changes.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.CurrentScores;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.domain.ScoreChangeStates.Told;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.changes.domain.SourceRecord;
import java.util.List;
import java.util.Optional;

/**
 * Tells the score changes {@link ScoreChangeGate} held back, when the lead's minute ends: the lead's score under the
 * rule set as it is now, if it moved since what was last told (recorded, or else the flush's own starting point). Its
 * event id is made of the lead, the rule set and the minute's end, so the same flush delivered twice tells one event.
 */
public final class FlushScoreChanges {
    private static final int ATTEMPTS = 5;
    private final ScoreChangeStates states;
    private final CurrentScores scores;
    private final ChangeSink sink;

    public FlushScoreChanges(ScoreChangeStates states, CurrentScores scores, ChangeSink sink) {
        this.states = states;
        this.scores = scores;
        this.sink = sink;
    }

    /** Publishes the held-back change, if any is left to tell; answers it. */
    public Optional<ChangeEvent> flush(Flush flush) {
        String id = SourceRecord.idOf("score-flush", flush.tenantId(), flush.leadId(), flush.rulesetId(),
                flush.due().toString());
        for (int attempt = 1; ; attempt++) {
            Told last = states.of(flush.tenantId(), flush.leadId(), flush.rulesetId()).orElse(null);
            Optional<ChangeEvent> event = tell(flush, id, last);
            if (event != null) {
                event.ifPresent(e -> sink.publish(List.of(e)));
                return event;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("The score change record of " + flush.leadId() + " under "
                        + flush.rulesetId() + " kept changing; the flush is retried");
            }
        }
    }

    /** The event to publish, empty when nothing is left to tell, null when {@code last} changed meanwhile. */
    private Optional<ChangeEvent> tell(Flush flush, String id, Told last) {
        if (last != null && last.eventId().equals(id)) {
            // told before, and its publishing failed (or the flush came twice): the same event again
            return Optional.of(last.move().event(id, last.at()));
        }
        if (last != null && !last.at().isBefore(flush.due())) {
            return Optional.empty(); // told since the minute ended: that event carried the score of its time
        }
        Optional<ScoreMove> current = scores.of(flush.tenantId(), flush.leadId(), flush.rulesetId());
        if (current.isEmpty()) {
            return Optional.empty(); // the lead is gone: its tombstone says so
        }
        ScoreMove since = last == null ? current.get().from(flush.fromScore(), flush.fromLevel())
                : current.get().from(last.move().score(), last.move().level());
        if (!since.moved()) {
            return Optional.empty();
        }
        Told told = new Told(id, flush.due(), since);
        return states.record(told, last) ? Optional.of(since.event(id, flush.due())) : null;
    }
}
