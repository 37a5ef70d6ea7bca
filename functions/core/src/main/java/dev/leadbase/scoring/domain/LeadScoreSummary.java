package dev.leadbase.scoring.domain;

import java.util.Map;

/** The score fields a lead carries: {@code score} is the primary engagement score. */
public record LeadScoreSummary(long score, String level, Map<String, Long> engagementScores,
                               Map<String, Long> profileScores, Map<String, String> rulesetNames,
                               String engagementPrimaryRulesetName, String profilePrimaryRulesetName) {
}
