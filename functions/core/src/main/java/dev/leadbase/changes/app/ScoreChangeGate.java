package dev.leadbase.changes.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.domain.ScoreChangeStates.Told;
import dev.leadbase.changes.domain.ScoreFlushes;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.changes.domain.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coalesces a lead's score changes, per rule set: a level change is told at once; another change is told at once
 * when nothing was told of the rule set within the last {@code window} (a minute), and otherwise held back, to be told
 * by {@link FlushScoreChanges} when that window ends, with the score as it is then. So a burst of changes is told as
 * its first change now and its final score after the minute, and a steady stream as one event a minute.
 *
 * <p>Each change told is first recorded ({@link ScoreChangeStates}), then published by the caller: a record retried
 * after a failed publish finds its own event recorded and tells it again, with the same id. The Leads stream hands a
 * lead's records over in order, one batch at a time, so only the flush writes beside this gate; both write on the
 * condition that the record is still the one they read, and whichever loses reads again.
 */
public final class ScoreChangeGate {
    private static final int ATTEMPTS = 5;
    private final ScoreChangeStates states;
    private final ScoreFlushes flushes;
    private final Duration window;

    public ScoreChangeGate(ScoreChangeStates states, ScoreFlushes flushes, Duration window) {
        this.states = states;
        this.flushes = flushes;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** The events to publish now for the moves one stream record made (the lead's); schedules the flushes. */
    public List<ChangeEvent> admit(SourceRecord record, List<ScoreMove> moves) {
        if (moves.isEmpty()) {
            return List.of();
        }
        ScoreMove first = moves.getFirst();
        Map<String, Told> told = states.of(first.tenantId(), first.leadId());
        List<ChangeEvent> now = new ArrayList<>();
        Set<Flush> later = new LinkedHashSet<>();
        for (ScoreMove move : moves) {
            Told last = told.get(move.rulesetId());
            for (int attempt = 1; ; attempt++) {
                Outcome outcome = decide(record, move, last);
                if (outcome.event != null) {
                    now.add(outcome.event);
                }
                if (outcome.flush != null) {
                    later.add(outcome.flush);
                }
                if (outcome.settled) {
                    break;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("The score change record of " + move.leadId() + " under "
                            + move.rulesetId() + " kept changing; the stream record is retried");
                }
                last = states.of(move.tenantId(), move.leadId(), move.rulesetId()).orElse(null);
            }
        }
        if (!later.isEmpty()) {
            flushes.schedule(later);
        }
        return now;
    }

    private record Outcome(boolean settled, ChangeEvent event, Flush flush) {
    }

    private Outcome decide(SourceRecord record, ScoreMove move, Told last) {
        String id = record.eventId("lead.score_changed#" + move.rulesetId());
        if (last != null && last.eventId().equals(id)) {
            // this record was told before and its publishing failed: the same event again
            return new Outcome(true, last.move().event(id, last.at()), null);
        }
        ScoreMove since = last == null ? move : move.from(last.move().score(), last.move().level());
        if (!since.moved()) {
            return new Outcome(true, null, null); // back where it was last told
        }
        Instant at = record.at();
        if (last != null && !since.levelChanged() && at.isBefore(last.at().plus(window))) {
            return new Outcome(true, null, new Flush(move.tenantId(), move.leadId(), move.rulesetId(),
                    last.at().plus(window)));
        }
        Told told = new Told(id, at, since);
        return states.record(told, last) ? new Outcome(true, since.event(id, at), null) : new Outcome(false, null, null);
    }
}
