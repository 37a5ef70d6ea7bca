package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.LeadFields;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LeadScoreSummary;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreExplanation;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.StandingChange;

import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.logging.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Scoring use cases on one lead: apply events (a batch at a time), re-score its profile, replay
 * everything after a rule-set change, apply decay, explain. Each step reads the standing, computes,
 * and commits in one transaction guarded by versions, retrying when another writer got there first.
 */
public final class LeadScorer {
    /** What happened to the lead. */
    public enum Outcome { CHANGED, UNCHANGED, DUPLICATE, LEAD_GONE }

    private static final int ATTEMPTS = 10;
    private static final int MAX_EVENTS_PER_COMMIT = 25;
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
     * the rule sets are read once and the leads' standings in one read; a lead's events are applied in order and
     * committed together. When they cannot be (one is stored already, or something fails), that lead's events are
     * applied one at a time, so that only a failing event is reported failed. Answers in the order of {@code events}.
     */
    public List<Applied> applyEvents(List<ScoringEvent> events) {
        Applied[] results = new Applied[events.size()];
        Map<String, Map<String, List<Integer>>> byTenantAndLead = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ScoringEvent e = events.get(i);
            byTenantAndLead.computeIfAbsent(e.tenantId(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(e.leadId(), l -> new ArrayList<>()).add(i);
        }
        byTenantAndLead.forEach((tenantId, byLead) -> {
            TenantRulesets known;
            Map<String, LeadStanding> standings;
            try {
                known = new TenantRulesets(tenantId);
                standings = store.loadAll(tenantId, byLead.keySet(), known.ids());
                if (standings.values().stream().anyMatch(known::behind) && known.refresh()) {
                    standings = store.loadAll(tenantId, byLead.keySet(), known.ids());
                }
            } catch (RuntimeException e) {
                // one lead's bad key can fail the batch read: read and apply lead by lead, so a failure stays with its lead
                JsonLog.warn("events of one tenant could not be read together; applying them lead by lead",
                        Map.of("tenantId", tenantId, "error", String.valueOf(e)));
                byLead.forEach((leadId, indices) -> {
                    List<ScoringEvent> leadEvents = indices.stream().map(events::get).toList();
                    List<Applied> applied;
                    try {
                        TenantRulesets alone = new TenantRulesets(tenantId);
                        applied = applyToLead(alone, alone.load(leadId), leadEvents);
                    } catch (RuntimeException failure) {
                        applied = leadEvents.stream().map(event -> Applied.failed(event, failure)).toList();
                    }
                    for (int k = 0; k < indices.size(); k++) {
                        results[indices.get(k)] = applied.get(k);
                    }
                });
                return;
            }
            Map<String, LeadStanding> loaded = standings;
            byLead.forEach((leadId, indices) -> {
                List<ScoringEvent> leadEvents = indices.stream().map(events::get).toList();
                List<Applied> applied = applyToLead(known, Optional.ofNullable(loaded.get(leadId)), leadEvents);
                for (int k = 0; k < indices.size(); k++) {
                    results[indices.get(k)] = applied.get(k);
                }
            });
        });
        return List.of(results);
    }

    /**
     * A tenant's rule sets as read for one batch or one lead. A lead whose stored score fields name a rule set missing
     * here was scored by a rule-set change that came after this read: the list is read again (once), so that the
     * change's re-scoring, which may have replayed the lead before this writer's change, is not undone.
     */
    private final class TenantRulesets {
        private final String tenantId;
        private List<Ruleset> all;
        private boolean refreshed;

        TenantRulesets(String tenantId) {
            this.tenantId = tenantId;
            this.all = rulesets.list(tenantId);
        }

        List<Ruleset> all() {
            return all;
        }

        List<String> ids() {
            return all.stream().map(Ruleset::id).toList();
        }

        boolean behind(LeadStanding standing) {
            if (!(standing.lead().get(LeadScoreFields.RULESET_NAMES) instanceof Map<?, ?> named)) {
                return false;
            }
            List<String> ids = ids();
            return named.keySet().stream().anyMatch(id -> !ids.contains(id));
        }

        /** Reads the list again unless it was already; whether it did. */
        boolean refresh() {
            if (refreshed) {
                return false;
            }
            refreshed = true;
            all = rulesets.list(tenantId);
            return true;
        }

        /** The lead's standings under these rule sets. */
        Optional<LeadStanding> load(String leadId) {
            return current(() -> Optional.ofNullable(store.loadAll(tenantId, List.of(leadId), ids()).get(leadId)));
        }

        /** The lead's standings under every rule set it has one for. */
        Optional<LeadStanding> loadWhole(String leadId) {
            return current(() -> store.load(tenantId, leadId));
        }

        private Optional<LeadStanding> current(Supplier<Optional<LeadStanding>> read) {
            Optional<LeadStanding> standing = read.get();
            if (standing.isPresent() && behind(standing.get()) && refresh()) {
                standing = read.get();
            }
            return standing;
        }
    }

    private List<Applied> applyToLead(TenantRulesets known, Optional<LeadStanding> loaded, List<ScoringEvent> events) {
        boolean stale = false;
        if (events.size() > 1 && events.stream().map(ScoringEvent::eventId).distinct().count() == events.size()) {
            try {
                Outcome outcome = applyTogether(known, loaded, events);
                if (outcome != Outcome.DUPLICATE) {
                    return events.stream().map(e -> new Applied(e, outcome, null)).toList();
                }
            } catch (RuntimeException e) {
                JsonLog.warn("events of one lead failed together; applying them one at a time", Map.of(
                        "tenantId", events.getFirst().tenantId(), "leadId", events.getFirst().leadId(),
                        "error", String.valueOf(e)));
            }
            stale = true;
        }
        // one at a time: an event stored already is told apart from the others, and a failure stays with its event
        List<Applied> out = new ArrayList<>();
        for (ScoringEvent event : events) {
            try {
                Optional<LeadStanding> standing = stale ? known.load(event.leadId()) : loaded;
                stale = true;
                out.add(new Applied(event, applyTogether(known, standing, List.of(event)), null));
            } catch (RuntimeException e) {
                out.add(Applied.failed(event, e));
            }
        }
        return out;
    }

    /**
     * Applies {@code events} (distinct ids, one lead) in order, committing them in as few transactions as its
     * item limit allows; DUPLICATE when one of them is stored already (then that transaction wrote nothing).
     */
    private Outcome applyTogether(TenantRulesets known, Optional<LeadStanding> loaded, List<ScoringEvent> events) {
        String leadId = events.getFirst().leadId();
        Outcome outcome = null;
        Optional<LeadStanding> standing = loaded;
        for (int from = 0; from < events.size(); ) {
            if (from > 0) {
                standing = known.load(leadId);
            }
            // a transaction holds at most 100 items: the events, a standing per engagement rule set, the lead
            long engagement = known.all().stream().filter(Ruleset::engagement).count();
            int perCommit = (int) Math.max(1, Math.min(MAX_EVENTS_PER_COMMIT, 99 - engagement));
            List<ScoringEvent> chunk = events.subList(from, Math.min(events.size(), from + perCommit));
            outcome = withRetries(leadId, standing, () -> known.load(leadId), s -> eventsChange(known.all(), s, chunk));
            if (outcome != Outcome.CHANGED) {
                return outcome;
            }
            from += chunk.size();
        }
        return outcome;
    }

    private StandingChange eventsChange(List<Ruleset> all, LeadStanding standing, List<ScoringEvent> events) {
        List<ScoreState> upserts = new ArrayList<>();
        for (Ruleset r : all) {
            if (r.engagement()) {
                ScoreState before = standing.states().getOrDefault(r.id(), ScoreState.empty(r.id(), r.type()));
                ScoreState after = before;
                for (ScoringEvent event : events) {
                    after = engine.apply(r, after, event);
                }
                if (after != before) {
                    upserts.add(after);
                }
            }
        }
        Instant lastEventAt = standing.lastEventAt();
        String lastEventType = standing.lastEventType();
        for (ScoringEvent event : events) {
            if (lastEventAt == null || !event.occurredAt().isBefore(lastEventAt)) {
                lastEventAt = event.occurredAt();
                lastEventType = event.type();
            }
        }
        return new StandingChange(upserts, Set.of(), engine.summarize(all, merge(standing, upserts, Set.of())),
                lastEventAt, lastEventType, events);
    }

    /** Recomputes the lead's profile standings from its current fields; unchanged leads are not written. */
    public Outcome rescoreProfile(String tenantId, String leadId) {
        return withRetries(tenantId, leadId, (all, standing) -> {
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

    /**
     * Replays the lead under the tenant's current rule sets: profile from fields, engagement from events. The events
     * are read after the standing: an event committed in between moves the standing's version, so the commit
     * conflicts and the replay starts over with it, rather than writing a score without it.
     */
    public Outcome rescore(String tenantId, String leadId) {
        Instant now = clock.instant();
        return withRetries(tenantId, leadId, (all, standing) -> {
            List<ScoringEvent> events = all.stream().anyMatch(Ruleset::engagement) ? store.events(tenantId, leadId) : List.of();
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
        Instant now = clock.instant();
        return withRetries(tenantId, leadId, (all, standing) -> {
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
        return new StandingChange(upserts, removals, summary, standing.lastEventAt(), standing.lastEventType(), List.of());
    }

    private static Map<String, ScoreState> merge(LeadStanding standing, List<ScoreState> upserts, Set<String> removals) {
        Map<String, ScoreState> merged = new HashMap<>(standing.states());
        upserts.forEach(s -> merged.put(s.rulesetId(), s));
        removals.forEach(merged::remove);
        return merged;
    }

    /** One lead's step under the tenant's rule sets, read before the lead and again when the lead shows them stale. */
    private Outcome withRetries(String tenantId, String leadId, BiFunction<List<Ruleset>, LeadStanding, StandingChange> step) {
        TenantRulesets known = new TenantRulesets(tenantId);
        return withRetries(leadId, known.loadWhole(leadId), () -> known.loadWhole(leadId), s -> step.apply(known.all(), s));
    }

    /** Computes from {@code loaded} and commits; on a conflict backs off, reloads and tries again. */
    private Outcome withRetries(String leadId, Optional<LeadStanding> loaded, Supplier<Optional<LeadStanding>> reload,
                                Function<LeadStanding, StandingChange> step) {
        Optional<LeadStanding> standing = loaded;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                standing = reload.get();
            }
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
