package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.Map;

/** One engagement event of a lead, as accepted by the API and stored once by its id. */
public record ScoringEvent(String tenantId, String leadId, String eventId, String type, Instant occurredAt,
                           Map<String, Object> properties, Instant receivedAt) {
    public ScoringEvent {
        properties = properties == null ? Map.of() : properties;
    }
}
