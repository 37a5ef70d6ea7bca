package dev.leadbase.changes.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.CurrentScores;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.domain.ScoreChangeStates.Told;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.changes.domain.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tells the score changes {@link ScoreChangeGate} held back, when their window ends: the lead's score under the rule
 * set as it is now, if it moved since what was last told. Its event id is made of the lead, the rule set and the
 * window's end, so the same flush delivered twice tells one event.
 */
public final class FlushScoreChanges {
    private final ScoreChangeStates states;
    private final CurrentScores scores;
    private final ChangeSink sink;
    private final Duration window;

    public FlushScoreChanges(ScoreChangeStates states, CurrentScores scores, ChangeSink sink, Duration window) {
        this.states = states;
        this.scores = scores;
        this.sink = sink;
        this.window = window;
    }

    /** Publishes the held-back change, if any is left to tell; answers it. */
    public Optional<ChangeEvent> flush(Flush flush) {
        String id = SourceRecord.idOf("score-flush", flush.tenantId(), flush.leadId(), flush.rulesetId(),
                flush.due().toString());
        Told last = states.of(flush.tenantId(), flush.leadId(), flush.rulesetId()).orElse(null);
        if (last == null) {
            return Optional.empty();
        }
        ChangeEvent event;
        if (last.eventId().equals(id)) {
            // told before, and its publishing failed: the same event again
            event = last.move().event(id, last.at());
        } else if (!last.at().plus(window).equals(flush.due())) {
            return Optional.empty(); // something was told since: it carried the score of its time
        } else {
            Optional<ScoreMove> current = scores.of(flush.tenantId(), flush.leadId(), flush.rulesetId());
            if (current.isEmpty()) {
                return Optional.empty(); // the lead is gone: its tombstone says so
            }
            ScoreMove since = current.get().from(last.move().score(), last.move().level());
            if (!since.moved()) {
                return Optional.empty();
            }
            Told told = new Told(id, flush.due(), since);
            if (!states.record(told, last)) {
                return Optional.empty(); // the stream told a newer change meanwhile
            }
            event = since.event(id, flush.due());
        }
        sink.publish(List.of(event));
        return Optional.of(event);
    }
}
