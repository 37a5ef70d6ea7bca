package dev.leadbase.changes.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.domain.ScoreChangeStates.Told;
import dev.leadbase.changes.domain.ScoreFlushes;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.changes.domain.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces a lead's score changes, per rule set. A level change is told at once. Any other change is held back until
 * the end of the lead's current minute, when {@link FlushScoreChanges} tells the score as it is then, if it moved since
 * what was last told. So a burst of page views costs one event, and a steady stream one event a minute.
 *
 * <p>The lead's minutes are fixed windows (each lead's offset by its id, so that flushes spread), so every change
 * within one minute is held for the same flush, whichever container sees it. Holding reads and writes nothing: the gate
 * sends the flush, a delayed message, and remembers it, so that the minute's later changes send no other. A change
 * seen less than a second before its minute ends waits for the next one, so the flush that tells it always reads the
 * lead after it.
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
    /** Flushes remembered, the latest per lead and rule set; one forgotten only costs a second flush message. */
    private static final int REMEMBERED = 20_000;
    private final ScoreChangeStates states;
    private final ScoreFlushes flushes;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> scheduled = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    });

    public ScoreChangeGate(ScoreChangeStates states, ScoreFlushes flushes, Duration window, Clock clock) {
        this.states = states;
        this.flushes = flushes;
        this.window = window;
        this.clock = clock;
    }

    public Duration window() {
        return window;
    }

    /** The end of the minute (the window) of {@code leadId} that {@code at} falls in. */
    public Instant windowEnd(String leadId, Instant at) {
        long w = window.toMillis();
        long offset = Math.floorMod(leadId.hashCode(), w);
        long end = Math.floorDiv(at.toEpochMilli() - offset, w) * w + offset + w;
        return Instant.ofEpochMilli(end);
    }

    /** The events to publish now for the moves one stream record made (the lead's); schedules the flushes. */
    public List<ChangeEvent> admit(SourceRecord record, List<ScoreMove> moves) {
        if (moves.isEmpty()) {
            return List.of();
        }
        Instant due = windowEnd(moves.getFirst().leadId(), clock.instant().plus(LEAD_TIME));
        List<ChangeEvent> now = new ArrayList<>();
        Map<String, Flush> later = new LinkedHashMap<>();
        Map<String, Told> told = null;
        for (ScoreMove move : moves) {
            if (!move.levelChanged()) {
                hold(move, due, later);
                continue;
            }
            if (told == null) {
                told = states.of(move.tenantId(), move.leadId());
            }
            Told last = told.get(move.rulesetId());
            for (int attempt = 1; ; attempt++) {
                Outcome outcome = decide(record, move, last);
                if (outcome.event != null) {
                    now.add(outcome.event);
                }
                if (outcome.held != null) {
                    hold(outcome.held, due, later);
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
        return now;
    }

    /** Holds {@code since}'s change for the flush at {@code due}, unless that flush was sent already. */
    private void hold(ScoreMove since, Instant due, Map<String, Flush> later) {
        String key = since.tenantId() + "#" + since.leadId() + "#" + since.rulesetId();
        if (!due.equals(scheduled.get(key))) {
            later.putIfAbsent(key, new Flush(since.tenantId(), since.leadId(), since.rulesetId(), due,
                    since.previousScore(), since.previousLevel()));
        }
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
