package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A lead as scoring reads it: its stored fields under their wire names (what profile rules and the score view
 * read), its owner, the version guarding its score fields (0: never scored) and its newest event.
 */
public record ScoredLead(String tenantId, String leadId, String ownerId, Map<String, Object> fields, long scoreVersion,
                         LastEvent lastEvent) {
    public ScoredLead {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /**
     * This lead with its standing under each rule set, each standing's pending event ids, and the rule sets whose
     * standing has no ranking entry.
     */
    public LeadStanding with(Map<String, ScoreState> states, Map<String, java.util.Set<String>> pending,
                             java.util.Set<String> unranked) {
        return new LeadStanding(tenantId, leadId, fields, scoreVersion, lastEvent == null ? null : lastEvent.at(),
                lastEvent == null ? null : lastEvent.type(), states, pending, unranked);
    }
}
