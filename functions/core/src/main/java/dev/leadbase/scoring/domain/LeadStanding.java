package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.Map;

/**
 * What scoring reads about a lead: its fields (wire names), the score version that guards
 * concurrent score writers, the newest event, and its standing under each rule set.
 */
public record LeadStanding(String tenantId, String leadId, Map<String, Object> lead, long scoreVersion,
                           Instant lastEventAt, String lastEventType, Map<String, ScoreState> states) {
    public LeadStanding {
        states = Map.copyOf(states);
    }
}
