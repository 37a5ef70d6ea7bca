package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.LeadFields;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.StandingChange;
import dev.leadbase.shared.retry.Backoff;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scoring use cases on one lead: apply events (a batch at a time, {@link EventApplier}), re-score its profile,
 * replay everything after a rule-set change, apply decay. Events are applied without a transaction, one item at a
 * time ({@link EventApplier}); each other step reads the standing, computes, and commits in one transaction guarded by
 * versions, retrying when another writer got there first ({@link StandingWriter}).
 */
public final class LeadScorer {
    /** What happened to the lead. */
    public enum Outcome { CHANGED, UNCHANGED, DUPLICATE, LEAD_GONE }

    /** How many times a replay waits for an event applied but not stored yet (2.3 s in all: 20 ms doubling to 1 s). */
    private static final int IN_FLIGHT_ATTEMPTS = 8;

    private final ScoreStore store;
    private final ScoringEngine engine;
    private final Clock clock;
    private final StandingWriter writer;
    private final EventApplier events;

    public LeadScorer(RulesetRepository rulesets, ScoreStore store, ScoringEngine engine, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.writer = new StandingWriter(rulesets, store, engine);
        this.events = new EventApplier(store, engine, writer);
    }

    /** What became of one event of a batch: its outcome, or the failure that leaves it to a retry. */
    public record Applied(ScoringEvent event, Outcome outcome, RuntimeException failure) {
        static Applied failed(ScoringEvent event, RuntimeException failure) {
            return new Applied(event, null, failure);
        }

        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * Applies a batch of events to every engagement rule set of their tenants, storing each event once. Per tenant
     * the rule sets are read once and the leads' standings in one read; a lead's events are committed together when
     * they can be, else one at a time, so that only a failing event is reported failed. Answers in the order of
     * {@code events}.
     */
    public List<Applied> applyEvents(List<ScoringEvent> events) {
        return this.events.applyEvents(events);
    }

    /** Recomputes the lead's profile standings from its current fields; unchanged leads are not written. */
    public Outcome rescoreProfile(String tenantId, String leadId) {
        return writer.withRetries(tenantId, leadId, (all, standing) -> {
            LeadFields fields = new LeadFields(standing.lead());
            List<ScoreState> upserts = new ArrayList<>();
            for (Ruleset r : all) {
                if (!r.engagement()) {
                    ScoreState before = standing.states().get(r.id());
                    ScoreState after = engine.profile(r, fields, before == null ? 0 : before.version());
                    if (!after.sameScoreAs(before)) {
                        upserts.add(after);
                    }
                }
            }
            // only a change of profile standings is this trigger's business; scores set elsewhere stay
            return upserts.isEmpty() ? null : writer.changeOrNull(standing, all, upserts, Set.of());
        });
    }

    /**
     * Replays the lead under the tenant's current rule sets: profile from fields, engagement from events; a standing
     * whose ranking entry is not as its rule set now asks (the primary changed) is written too, to add or drop it. The events
     * are read after the standing: an event applied in between moves the standing's version, so the commit
     * conflicts and the replay starts over with it, rather than writing a score without it. A standing replaced is
     * written with no pending event ids, as it is rebuilt from the stored events; so it is replaced only when every id
     * it holds pending is among them. One that is not is an event the events worker applied and has not stored yet
     * (it is about to, or its message is delivered again and stores it): the replay waits for it, and is left to be
     * retried when it does not come.
     */
    public Outcome rescore(String tenantId, String leadId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return rescoreOnce(tenantId, leadId);
            } catch (EventInFlight e) {
                if (attempt >= IN_FLIGHT_ATTEMPTS) {
                    throw new IllegalStateException("Lead " + leadId + " has an event applied but not stored yet ("
                            + e.getMessage() + "); its replay is left to a retry");
                }
                Backoff.await(attempt);
            }
        }
    }

    private Outcome rescoreOnce(String tenantId, String leadId) {
        Instant now = clock.instant();
        return writer.withRetries(tenantId, leadId, (all, standing) -> {
            List<ScoringEvent> events = all.stream().anyMatch(Ruleset::engagement) ? store.events(tenantId, leadId) : List.of();
            Set<String> stored = new HashSet<>();
            events.forEach(e -> stored.add(e.eventId()));
            LeadFields fields = new LeadFields(standing.lead());
            List<ScoreState> upserts = new ArrayList<>();
            for (Ruleset r : all) {
                ScoreState before = standing.states().get(r.id());
                long version = before == null ? 0 : before.version();
                ScoreState after = r.engagement() ? engine.replay(r, events, now, version) : engine.profile(r, fields, version);
                // a standing whose rule set became (or stopped being) the primary engagement one moves its ranking entry
                if (!after.sameScoreAs(before) || !Objects.equals(after.daily(), before.daily())
                        || standing.rankedOtherwise(r)) {
                    Set<String> unstored = new HashSet<>(standing.pending(r.id()));
                    unstored.removeAll(stored);
                    if (!unstored.isEmpty()) {
                        throw new EventInFlight(unstored.toString());
                    }
                    upserts.add(after);
                }
            }
            Set<String> live = new HashSet<>();
            all.forEach(r -> live.add(r.id()));
            Set<String> removals = new HashSet<>(standing.states().keySet());
            removals.removeAll(live);
            StandingChange change = writer.changeOrNull(standing, all, upserts, removals);
            return change == null ? null : change.clearingPending();
        });
    }

    /** A standing a replay would replace holds an event the events worker has applied but not stored yet. */
    private static final class EventInFlight extends RuntimeException {
        EventInFlight(String eventIds) {
            super(eventIds, null, false, false);
        }
    }

    /** Lowers the lead's decaying engagement scores to what inactivity up to now leaves of them. */
    public Outcome decay(String tenantId, String leadId) {
        Instant now = clock.instant();
        return writer.withRetries(tenantId, leadId, (all, standing) -> {
            List<ScoreState> upserts = new ArrayList<>();
            for (Ruleset r : all) {
                ScoreState before = standing.states().get(r.id());
                if (r.engagement() && before != null) {
                    ScoreState after = engine.decay(r, before, now);
                    if (after != before) {
                        upserts.add(after);
                    }
                }
            }
            return upserts.isEmpty() ? null : writer.changeOrNull(standing, all, upserts, Set.of());
        });
    }
}
