package dev.leadbase.scoring.domain;

/** One rule's part in a score: which rule, whether it matched (profile) and the points it added. */
public record RuleContribution(int index, String rule, long rulePoints, Integer maxPerDay, boolean matched,
                               long contribution) {
}
