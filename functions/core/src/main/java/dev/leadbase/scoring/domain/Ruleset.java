package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** A tenant's named set of scoring rules of one type, with level thresholds and (engagement) decay. */
public record Ruleset(String tenantId, String id, String name, RulesetType type, boolean primary,
                      List<EngagementRule> engagementRules, List<ProfileRule> profileRules,
                      List<Threshold> thresholds, Decay decay, Instant createdAt, Instant updatedAt) {
    public Ruleset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        engagementRules = engagementRules == null ? List.of() : List.copyOf(engagementRules);
        profileRules = profileRules == null ? List.of() : List.copyOf(profileRules);
        thresholds = thresholds == null || thresholds.isEmpty() ? Threshold.DEFAULTS
                : thresholds.stream().sorted(Comparator.comparingLong(Threshold::min)).toList();
        if (type == RulesetType.PROFILE && (decay != null || !engagementRules.isEmpty())) {
            throw new IllegalArgumentException("profile rule sets have profile rules and no decay");
        }
        if (type == RulesetType.ENGAGEMENT && !profileRules.isEmpty()) {
            throw new IllegalArgumentException("engagement rule sets have engagement rules");
        }
    }

    public boolean engagement() {
        return type == RulesetType.ENGAGEMENT;
    }

    /**
     * Whether its standings carry a ranking entry (top leads by this rule set's score): every rule set's but the
     * primary engagement one's, whose score is the lead's own {@code score}, which the leads' score index orders.
     */
    public boolean ranked() {
        return !(primary && engagement());
    }

    /** The level {@code score} reaches: the highest threshold at or below it (the lowest level otherwise). */
    public String level(long score) {
        String level = thresholds.get(0).level();
        for (Threshold t : thresholds) {
            if (score >= t.min()) {
                level = t.level();
            }
        }
        return level;
    }
}
