package dev.leadbase.scoring.app;

import dev.leadbase.scoring.app.LeadScorer.Outcome;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LeadScoreSummary;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.StandingChange;
import dev.leadbase.shared.retry.Backoff;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes one lead's standing change for the transactional steps (profile, replay, decay): reads the standing (the lead,
 * then its standings), computes the change, and commits it in one transaction guarded by versions; when another writer
 * got there first, backs off, reads again and computes again.
 */
record StandingWriter(RulesetRepository rulesets, ScoreStore store, ScoringEngine engine) {
    private static final int ATTEMPTS = 10;

    /** The tenant's rule sets, read now. */
    TenantRulesets tenant(String tenantId) {
        return new TenantRulesets(rulesets, store, tenantId);
    }

    /**
     * The change that brings the lead's score fields in line with {@code upserts} and {@code removals}, each standing
     * written with a ranking entry as its rule set asks ({@link Ruleset#ranked}); null when none.
     */
    StandingChange changeOrNull(LeadStanding standing, List<Ruleset> all, List<ScoreState> upserts,
                                 Set<String> removals) {
        LeadScoreSummary summary = engine.summarize(all, merge(standing, upserts, removals));
        if (upserts.isEmpty() && removals.isEmpty() && LeadScoreFields.matches(summary, standing.lead())) {
            return null;
        }
        Set<String> unranked = all.stream().filter(r -> !r.ranked()).map(Ruleset::id).collect(Collectors.toSet());
        return new StandingChange(upserts, removals, summary, standing.lastEventAt(), standing.lastEventType(), Map.of(),
                unranked);
    }

    /** The standing's states with {@code upserts} and without {@code removals}. */
    static Map<String, ScoreState> merge(LeadStanding standing, List<ScoreState> upserts, Set<String> removals) {
        Map<String, ScoreState> merged = new HashMap<>(standing.states());
        upserts.forEach(s -> merged.put(s.rulesetId(), s));
        removals.forEach(merged::remove);
        return merged;
    }

    /** One lead's step under the tenant's rule sets, read before the lead and again when the lead shows them stale. */
    Outcome withRetries(String tenantId, String leadId, BiFunction<List<Ruleset>, LeadStanding, StandingChange> step) {
        TenantRulesets known = tenant(tenantId);
        return withRetries(leadId, known.loadWhole(leadId), () -> known.loadWhole(leadId), s -> step.apply(known.all(), s));
    }

    /** Computes from {@code loaded} and commits; on a conflict backs off, reloads and tries again. */
    Outcome withRetries(String leadId, Optional<LeadStanding> loaded, Supplier<Optional<LeadStanding>> reload,
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
                case CONFLICT -> Backoff.pause(attempt);
            }
        }
        throw new IllegalStateException("Lead " + leadId + " kept changing; giving up after " + ATTEMPTS + " attempts");
    }
}
