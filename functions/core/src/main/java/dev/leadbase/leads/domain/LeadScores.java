package dev.leadbase.leads.domain;

import java.util.Map;

/** What scoring writes on a lead: the primary engagement score, per-rule-set maps and the level. */
public record LeadScores(Long score, Map<String, Long> engagementScores, Map<String, Long> profileScores,
                         Map<String, String> rulesetNames, String level) {
    public LeadScores {
        engagementScores = engagementScores == null ? Map.of() : Map.copyOf(engagementScores);
        profileScores = profileScores == null ? Map.of() : Map.copyOf(profileScores);
        rulesetNames = rulesetNames == null ? Map.of() : Map.copyOf(rulesetNames);
    }
}
