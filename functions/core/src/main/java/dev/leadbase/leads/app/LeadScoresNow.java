package dev.leadbase.leads.app;

import dev.leadbase.changes.domain.CurrentScores;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.scoring.domain.RulesetRepository;
import java.util.Optional;

/** A lead's score and level under a rule set as stored now, told as the lead's change events tell them. */
public record LeadScoresNow(LeadRepository leads, RulesetRepository rulesets) implements CurrentScores {
    @Override
    public Optional<ScoreMove> of(String tenantId, String leadId, String rulesetId) {
        return leads.find(tenantId, leadId)
                .map(lead -> LeadChangeEvents.standing(lead, rulesetId, rulesets.list(tenantId)));
    }
}
