package dev.leadbase.leads.domain;

import java.time.Instant;
import java.util.List;

/**
 * What workers record on a lead and the API shows but never takes as input: the primary rule-set
 * names of its scores and the last enrichment (when, from which sources, with what confidence).
 */
public record LeadInsights(String engagementPrimaryRulesetName, String profilePrimaryRulesetName,
                           Instant enrichedAt, List<String> enrichmentSources, Double confidence) {
    public static final LeadInsights NONE = new LeadInsights(null, null, null, List.of(), null);

    public LeadInsights {
        enrichmentSources = enrichmentSources == null ? List.of() : List.copyOf(enrichmentSources);
    }
}
