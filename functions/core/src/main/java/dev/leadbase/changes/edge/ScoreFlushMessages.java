package dev.leadbase.changes.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A held-back score change's flush as ScoreChangesQueue carries it: JSON {tenantId, leadId, rulesetId, due}. */
public final class ScoreFlushMessages {
    private ScoreFlushMessages() {
    }

    public static String body(Flush f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", f.tenantId());
        m.put("leadId", f.leadId());
        m.put("rulesetId", f.rulesetId());
        m.put("due", f.due().toString());
        return Json.write(m);
    }

    /** The flush a body carries; an unreadable body is an IllegalArgumentException (the message is retried, then parked). */
    public static Flush flush(String body) {
        try {
            JsonNode n = Json.read(body);
            return new Flush(text(n, "tenantId"), text(n, "leadId"), text(n, "rulesetId"), Instant.parse(text(n, "due")));
        } catch (Exception e) {
            throw new IllegalArgumentException("Unreadable score flush message", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }
}
