package dev.leadbase.core.scoring;

import dev.leadbase.core.errors.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Scoring use cases on one lead: apply an event, re-score its profile, replay everything after a
 * rule-set change, apply decay, explain. Each step reads the standing, computes, and commits in one
 * transaction guarded by versions, retrying when another writer got there first.
 */
public final class LeadScorer {
    /** What happened to the lead. */
    public enum Outcome { CHANGED, UNCHANGED, DUPLICATE, LEAD_GONE }

    private static final int ATTEMPTS = 10;
    private final RulesetRepository rulesets;
    private final ScoreStore store;
    private final ScoringEngine engine;
    private final Clock clock;

    public LeadScorer(RulesetRepository rulesets, ScoreStore store, ScoringEngine engine, Clock clock) {
        this.rulesets = rulesets;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    /** Applies one event to every engagement rule set of the tenant, storing the event once. */
    public Outcome applyEvent(ScoringEvent event) {
        List<Ruleset> all = rulesets.list(event.tenantId());
        return withRetries(event.tenantId(), event.leadId(), standing -> {
            List<ScoreState> upserts = new ArrayList<>();
            for (Ruleset r : all) {
                if (r.engagement()) {
                    ScoreState before = standing.states().getOrDefault(r.id(), ScoreState.empty(r.id(), r.type()));
                    ScoreState after = engine.apply(r, before, event);
                    if (after != before) {
                        upserts.add(after);
                    }
                }
            }
            boolean newest = standing.lastEventAt() == null || !event.occurredAt().isBefore(standing.lastEventAt());
            Instant lastEventAt = newest ? event.occurredAt() : standing.lastEventAt();
            String lastEventType = newest ? event.type() : standing.lastEventType();
            return new StandingChange(upserts, Set.of(), engine.summarize(all, merge(standing, upserts, Set.of())),
                    lastEventAt, lastEventType, event);
        });
    }

    /** Recomputes the lead's profile standings from its current fields; unchanged leads are not written. */
    public Outcome rescoreProfile(String tenantId, String leadId) {
        List<Ruleset> all = rulesets.list(tenantId);
        return withRetries(tenantId, leadId, standing -> {
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
            return upserts.isEmpty() ? null : changeOrNull(standing, all, upserts, Set.of());
        });
    }

    /** Replays the lead under the tenant's current rule sets: profile from fields, engagement from events. */
    public Outcome rescore(String tenantId, String leadId) {
        List<Ruleset> all = rulesets.list(tenantId);
        List<ScoringEvent> events = all.stream().anyMatch(Ruleset::engagement) ? store.events(tenantId, leadId) : List.of();
        Instant now = clock.instant();
        return withRetries(tenantId, leadId, standing -> {
            LeadFields fields = new LeadFields(standing.lead());
            List<ScoreState> upserts = new ArrayList<>();
            for (Ruleset r : all) {
                ScoreState before = standing.states().get(r.id());
                long version = before == null ? 0 : before.version();
                ScoreState after = r.engagement() ? engine.replay(r, events, now, version) : engine.profile(r, fields, version);
                if (!after.sameScoreAs(before) || !Objects.equals(after.daily(), before.daily())) {
                    upserts.add(after);
                }
            }
            Set<String> live = new HashSet<>();
            all.forEach(r -> live.add(r.id()));
            Set<String> removals = new HashSet<>(standing.states().keySet());
            removals.removeAll(live);
            return changeOrNull(standing, all, upserts, removals);
        });
    }

    /** Lowers the lead's decaying engagement scores to what inactivity up to now leaves of them. */
    public Outcome decay(String tenantId, String leadId) {
        List<Ruleset> all = rulesets.list(tenantId);
        Instant now = clock.instant();
        return withRetries(tenantId, leadId, standing -> {
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
            return upserts.isEmpty() ? null : changeOrNull(standing, all, upserts, Set.of());
        });
    }

    /** Every rule set's score for the lead, rule by rule. */
    public List<ScoreExplanation> explain(String tenantId, String leadId) {
        LeadStanding standing = store.load(tenantId, leadId).orElseThrow(() -> new NotFound("Lead not found"));
        List<ScoreExplanation> out = new ArrayList<>();
        for (Ruleset r : rulesets.list(tenantId)) {
            ScoreState state = standing.states().getOrDefault(r.id(), ScoreState.empty(r.id(), r.type()));
            out.add(engine.explain(r, state));
        }
        return out;
    }

    /** What {@code ruleset} would give a lead (its fields, plus its stored events and {@code extraEvents}). */
    public ScoreExplanation test(Ruleset ruleset, Map<String, Object> lead, List<ScoringEvent> storedEvents,
                                 List<ScoringEvent> extraEvents) {
        if (!ruleset.engagement()) {
            return engine.explain(ruleset, engine.profile(ruleset, new LeadFields(lead), 0));
        }
        List<ScoringEvent> events = new ArrayList<>(storedEvents);
        events.addAll(extraEvents);
        return engine.explain(ruleset, engine.replay(ruleset, events, clock.instant(), 0));
    }

    private StandingChange changeOrNull(LeadStanding standing, List<Ruleset> all, List<ScoreState> upserts,
                                        Set<String> removals) {
        LeadScoreSummary summary = engine.summarize(all, merge(standing, upserts, removals));
        if (upserts.isEmpty() && removals.isEmpty() && LeadScoreFields.matches(summary, standing.lead())) {
            return null;
        }
        return new StandingChange(upserts, removals, summary, standing.lastEventAt(), standing.lastEventType(), null);
    }

    private static Map<String, ScoreState> merge(LeadStanding standing, List<ScoreState> upserts, Set<String> removals) {
        Map<String, ScoreState> merged = new HashMap<>(standing.states());
        upserts.forEach(s -> merged.put(s.rulesetId(), s));
        removals.forEach(merged::remove);
        return merged;
    }

    private Outcome withRetries(String tenantId, String leadId, Function<LeadStanding, StandingChange> step) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<LeadStanding> standing = store.load(tenantId, leadId);
            if (standing.isEmpty()) {
                return Outcome.LEAD_GONE;
            }
            StandingChange change = step.apply(standing.get());
            if (change == null) {
                return Outcome.UNCHANGED;
            }
            switch (store.commit(standing.get(), change)) {
                case APPLIED -> {
                    return Outcome.CHANGED;
                }
                case DUPLICATE_EVENT -> {
                    return Outcome.DUPLICATE;
                }
                case LEAD_GONE -> {
                    return Outcome.LEAD_GONE;
                }
                case CONFLICT -> backoff(attempt);
            }
        }
        throw new IllegalStateException("Lead " + leadId + " kept changing; giving up after " + ATTEMPTS + " attempts");
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 20 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
