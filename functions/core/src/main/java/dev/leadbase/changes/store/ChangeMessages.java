package dev.leadbase.changes.store;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A change event as the changes queue carries it: JSON, every field of {@link ChangeEvent}. */
public final class ChangeMessages {
    private ChangeMessages() {
    }

    public static String body(ChangeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", e.tenantId());
        m.put("id", e.id());
        m.put("type", e.type().wire());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("subjectId", e.subjectId());
        m.put("leadId", e.leadId());
        m.put("ownerId", e.ownerId());
        m.put("sequence", e.sequence());
        m.put("data", e.data());
        return Json.write(m);
    }

    /** The event a body carries; an unreadable body is an IllegalArgumentException. */
    @SuppressWarnings("unchecked")
    public static ChangeEvent event(String body) {
        Map<String, Object> m;
        try {
            m = Json.read(body, Map.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unreadable change message", e);
        }
        try {
            ChangeType type = ChangeType.fromWire((String) m.get("type"))
                    .orElseThrow(() -> new IllegalArgumentException("Unknown change type " + m.get("type")));
            Object data = m.get("data");
            return new ChangeEvent((String) m.get("tenantId"), (String) m.get("id"), type,
                    Instant.parse((String) m.get("occurredAt")), (String) m.get("subjectId"), (String) m.get("leadId"),
                    (String) m.get("ownerId"), ((Number) m.getOrDefault("sequence", 0)).longValue(),
                    data instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of());
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Malformed change message", e);
        }
    }
}
