package dev.leadbase.webhooks.edge;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.json.Json;
import dev.leadbase.webhooks.domain.Delivery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A delivery as the delivery queue carries it (JSON: the subscription, the delivery id and the whole event), and the
 * payload a receiver gets: {@code {id, type, occurredAt, sequence, data}}.
 */
public final class DeliveryMessages {
    private DeliveryMessages() {
    }

    public static String body(Delivery d) {
        ChangeEvent e = d.event();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("tenantId", e.tenantId());
        event.put("id", e.id());
        event.put("type", e.type().wire());
        event.put("occurredAt", e.occurredAt().toString());
        event.put("subjectId", e.subjectId());
        event.put("leadId", e.leadId());
        event.put("ownerId", e.ownerId());
        event.put("sequence", e.sequence());
        event.put("data", e.data());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscriptionId", d.subscriptionId());
        m.put("deliveryId", d.deliveryId());
        m.put("event", event);
        return Json.write(m);
    }

    /** The delivery a body carries; an unreadable body is an IllegalArgumentException. */
    @SuppressWarnings("unchecked")
    public static Delivery delivery(String body) {
        try {
            Map<String, Object> m = Json.read(body, Map.class);
            Map<String, Object> e = (Map<String, Object>) m.get("event");
            ChangeType type = ChangeType.fromWire((String) e.get("type"))
                    .orElseThrow(() -> new IllegalArgumentException("Unknown change type " + e.get("type")));
            Object data = e.get("data");
            ChangeEvent event = new ChangeEvent((String) e.get("tenantId"), (String) e.get("id"), type,
                    Instant.parse((String) e.get("occurredAt")), (String) e.get("subjectId"), (String) e.get("leadId"),
                    (String) e.get("ownerId"), ((Number) e.getOrDefault("sequence", 0)).longValue(),
                    data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
            return new Delivery((String) m.get("subscriptionId"), (String) m.get("deliveryId"), event);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unreadable delivery message", e);
        }
    }

    /** What the receiver gets: the event's public fields, in this order. */
    public static String payload(ChangeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type().wire());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("sequence", e.sequence());
        m.put("data", e.data());
        return Json.write(m);
    }

}
