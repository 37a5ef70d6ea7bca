package dev.leadbase.scoring.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreExplanation;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.shared.errors.NotFound;
import java.util.List;
import java.util.Map;

/** A lead's score: its primary score and level, its newest event, and every rule set's score rule by rule. */
public record LeadScoreQuery(RulesetRepository rulesets, ScoreStore store, ScoringEngine engine) {
    /** What {@code GET /leads/{id}/score} shows; {@code lastEventAt} as the lead item stores it. */
    public record LeadScore(String leadId, long score, String level, String lastEventAt, String lastEventType,
                            List<ScoreExplanation> rulesets) {
        public LeadScore {
            rulesets = List.copyOf(rulesets);
        }
    }

    /** The score of a lead the caller reaches; 404 for any other, as for an id that does not exist. */
    public LeadScore score(AccessPolicy access, String leadId) {
        Map<String, Object> lead = access.leadItem(store.leads(access.tenantId(), List.of(leadId)).stream().map(ScoredLead::fields).findFirst());
        long score = lead.get(LeadScoreFields.SCORE) instanceof Number n ? n.longValue() : 0L;
        return new LeadScore(leadId, score, text(lead.get(LeadScoreFields.LEVEL)),
                text(lead.get(LeadScoreFields.LAST_EVENT_AT)), text(lead.get(LeadScoreFields.LAST_EVENT_TYPE)),
                explain(access.tenantId(), leadId));
    }

    /** Every rule set's score for the lead, rule by rule (a rule set it has no standing under scores 0). */
    private List<ScoreExplanation> explain(String tenantId, String leadId) {
        LeadStanding standing = store.load(tenantId, leadId).orElseThrow(() -> new NotFound("Lead not found"));
        return rulesets.list(tenantId).stream().map(r -> engine.explain(r, state(standing, r))).toList();
    }

    private static ScoreState state(LeadStanding standing, Ruleset r) {
        return standing.states().getOrDefault(r.id(), ScoreState.empty(r.id(), r.type()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
