package dev.leadbase.scoring.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.LeadFields;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.ScoreExplanation;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a rule set would give a lead, rule by rule, changing nothing. */
public record RulesetTrial(Rulesets rulesets, ScoreStore store, ScoringEngine engine, Clock clock) {
    /**
     * A stored lead ({@code leadId}) or lead fields as given ({@code lead}, wire names), exactly one of them, plus
     * events to apply after a stored lead's own.
     */
    public record Trial(String rulesetId, String leadId, Map<String, Object> lead, List<ScoringEvent> events) {
        public Trial {
            if ((leadId == null) == (lead == null)) {
                throw new IllegalArgumentException("a trial is of a stored lead or of lead fields");
            }
            events = List.copyOf(events);
        }
    }

    /** The score {@code trial}'s rule set gives; 404 for a rule set or a stored lead the caller cannot reach. */
    public ScoreExplanation run(AccessPolicy access, Trial trial) {
        String tenantId = access.tenantId();
        Ruleset ruleset = rulesets.get(tenantId, trial.rulesetId());
        Map<String, Object> lead = trial.lead();
        List<ScoringEvent> events = new ArrayList<>();
        if (trial.leadId() != null) {
            lead = access.leadItem(store.leads(tenantId, List.of(trial.leadId())).stream().map(ScoredLead::fields).findFirst());
            if (ruleset.engagement()) {
                events.addAll(store.events(tenantId, trial.leadId()));
            }
        }
        if (!ruleset.engagement()) {
            return engine.explain(ruleset, engine.profile(ruleset, new LeadFields(lead), 0));
        }
        events.addAll(trial.events());
        return engine.explain(ruleset, engine.replay(ruleset, events, clock.instant(), 0));
    }
}
