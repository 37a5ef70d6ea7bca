package dev.leadbase.scoring.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.json.Json;
import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.domain.ScoringEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies of EventsQueue and RescoreQueue messages: written by the queues, read by their workers. */
public final class ScoringMessages {
    private ScoringMessages() {
    }

    public static String event(ScoringEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", e.tenantId());
        m.put("leadId", e.leadId());
        m.put("eventId", e.eventId());
        m.put("type", e.type());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("receivedAt", e.receivedAt().toString());
        m.put("properties", e.properties());
        return Json.write(m);
    }

    /** The event of a message; one that is not what {@link #event(ScoringEvent)} writes is refused, never guessed at. */
    @SuppressWarnings("unchecked")
    public static ScoringEvent event(String body) {
        JsonNode n = parse(body);
        if (!n.isObject() || !(n.path("properties").isObject() || n.path("properties").isMissingNode())) {
            throw new IllegalArgumentException("Not an event message");
        }
        try {
            return new ScoringEvent(text(n, "tenantId"), text(n, "leadId"), text(n, "eventId"), text(n, "type"),
                    Instant.parse(text(n, "occurredAt")), Json.mapper().convertValue(n.path("properties"), Map.class),
                    Instant.parse(text(n, "receivedAt")));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Event message with an unreadable time", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Event message without " + field);
        }
        return value.asText();
    }

    public static String rescore(RescoreJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", job.tenantId());
        m.put("cursor", job.cursor());
        return Json.write(m);
    }

    public static RescoreJob rescore(String body) {
        JsonNode n = parse(body);
        return new RescoreJob(n.path("tenantId").asText(), n.path("cursor").isTextual() ? n.get("cursor").asText() : null);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.read(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Not a scoring message", e);
        }
    }
}
