package dev.leadbase.scoring.domain;

import java.util.List;

/**
 * A rule set's score for a lead, rule by rule: {@code total} = sum of contributions
 * + {@code floorAdjustment} − {@code decayApplied}.
 */
public record ScoreExplanation(String rulesetId, String rulesetName, RulesetType type, boolean primary, long total,
                               String level, List<RuleContribution> rules, long decayApplied, long floorAdjustment) {
}
