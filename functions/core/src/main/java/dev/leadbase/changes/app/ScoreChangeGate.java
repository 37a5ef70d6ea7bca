package dev.leadbase.changes.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.domain.ScoreChangeStates.Told;
import dev.leadbase.changes.domain.ScoreFlushes;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.changes.domain.SourceRecord;
import dev.leadbase.shared.concurrent.Recent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces a lead's score changes, per rule set. A level change is told at once. Any other change is held back for a
 * minute (the window), when {@link FlushScoreChanges} tells the score as it is then, if it moved since what was last
 * told. So a burst of page views costs one event, and a steady stream one event a minute.
 *
 * <p>Holding a change back reads and writes nothing: the gate sends the minute's flush, a delayed message, and
 * remembers it, so that the changes within that minute send no other; the next change after it starts the next
 * minute, no earlier than a minute after the last one ended. A lead's records come to one consumer in order, so a
 * burst shorter than a minute is one flush; a consumer that started afresh (or another one, after the stream's shards
 * changed) may send one more, which only tells what moved after the first. A change seen less than a second before
 * its minute ends waits for the next one, so the flush that tells it always reads the lead after it.
 *
 * <p>A level change told is first recorded ({@link ScoreChangeStates}), then published by the caller: a record retried
 * after a failed publish finds its own event recorded and tells it again, with the same id. The Leads stream hands a
 * lead's records over in order, one batch at a time, so only the flush writes beside this gate; both write on the
 * condition that the record is still the one they read, and whichever loses reads again.
 */
public final class ScoreChangeGate {
    private static final int ATTEMPTS = 5;
    /** How long before its flush a change must be seen to be told by it: the flush reads the lead after it. */
    private static final Duration LEAD_TIME = Duration.ofSeconds(1);
    /** Flushes remembered, the latest per lead and rule set; one forgotten costs one more flush (and event). */
    private static final int REMEMBERED = 20_000;
    private final ScoreChangeStates states;
    private final ScoreFlushes flushes;
    private final Duration window;
    private final Clock clock;
    private final Recent<String, Instant> scheduled = new Recent<>(REMEMBERED);

    public ScoreChangeGate(ScoreChangeStates states, ScoreFlushes flushes, Duration window, Clock clock) {
        this.states = states;
        this.flushes = flushes;
        this.window = window;
        this.clock = clock;
    }

    /** The events to publish now for the moves one stream record made (the lead's); schedules the flushes. */
    public List<ChangeEvent> admit(SourceRecord record, List<ScoreMove> moves) {
        if (moves.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<ChangeEvent> told = new ArrayList<>();
        Map<String, Flush> later = new LinkedHashMap<>();
        Map<String, Told> recorded = null;
        for (ScoreMove move : moves) {
            if (!move.levelChanged()) {
                hold(move, now, later);
                continue;
            }
            if (recorded == null) {
                recorded = states.of(move.tenantId(), move.leadId());
            }
            Told last = recorded.get(move.rulesetId());
            for (int attempt = 1; ; attempt++) {
                Outcome outcome = decide(record, move, last);
                if (outcome.event != null) {
                    told.add(outcome.event);
                }
                if (outcome.held != null) {
                    hold(outcome.held, now, later);
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
            flushes.schedule(later.values());
            later.forEach((key, flush) -> scheduled.put(key, flush.due()));
        }
        return told;
    }

    /** Holds {@code since}'s change back, seen {@code now}: for the minute's flush if one was sent, else a new one. */
    private void hold(ScoreMove since, Instant now, Map<String, Flush> later) {
        String key = since.tenantId() + "#" + since.leadId() + "#" + since.rulesetId();
        Instant sent = scheduled.get(key);
        if (sent != null && sent.isAfter(now.plus(LEAD_TIME))) {
            return; // the minute's flush reads the lead after this change
        }
        Instant due = now.plus(window);
        if (sent != null && due.isBefore(sent.plus(window))) {
            due = sent.plus(window); // at most one a minute
        }
        later.putIfAbsent(key, new Flush(since.tenantId(), since.leadId(), since.rulesetId(), due,
                since.previousScore(), since.previousLevel()));
    }

    /** {@code held}: a change to hold back after all (its level is the one last told). */
    private record Outcome(boolean settled, ChangeEvent event, ScoreMove held) {
    }

    private Outcome decide(SourceRecord record, ScoreMove move, Told last) {
        String id = record.eventId("lead.score_changed#" + move.rulesetId());
        if (last != null && last.eventId().equals(id)) {
            // this record was told before and its publishing failed: the same event again
            return new Outcome(true, last.move().event(id, last.at()), null);
        }
        ScoreMove since = last == null ? move : move.from(last.move().score(), last.move().level());
        if (!since.moved()) {
            return new Outcome(true, null, null); // a flush told it already
        }
        if (!since.levelChanged()) {
            return new Outcome(true, null, since); // a flush told the new level already, not this score
        }
        Told told = new Told(id, record.at(), since);
        return states.record(told, last) ? new Outcome(true, since.event(id, record.at()), null)
                : new Outcome(false, null, null);
    }
}
