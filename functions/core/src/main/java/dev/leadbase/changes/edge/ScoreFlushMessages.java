package dev.leadbase.changes.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.changes.domain.ScoreFlushes.Flush;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A held-back score change's flush as ScoreChangesQueue carries it: JSON {tenantId, leadId, rulesetId, due,
 * fromScore?, fromLevel?} (the two last are left out when null).
 */
public final class ScoreFlushMessages {
    private ScoreFlushMessages() {
    }

    public static String body(Flush f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", f.tenantId());
        m.put("leadId", f.leadId());
        m.put("rulesetId", f.rulesetId());
        m.put("due", f.due().toString());
        if (f.fromScore() != null) {
            m.put("fromScore", f.fromScore());
        }
        if (f.fromLevel() != null) {
            m.put("fromLevel", f.fromLevel());
        }
        return Json.write(m);
    }

    /** The flush a body carries; an unreadable body is an IllegalArgumentException (the message is retried, then parked). */
    public static Flush flush(String body) {
        try {
            JsonNode n = Json.read(body);
            JsonNode score = n.get("fromScore");
            if (score != null && !score.isIntegralNumber()) {
                throw new IllegalArgumentException("fromScore is not a whole number");
            }
            JsonNode level = n.get("fromLevel");
            if (level != null && !level.isTextual()) {
                throw new IllegalArgumentException("fromLevel is not a text");
            }
            return new Flush(text(n, "tenantId"), text(n, "leadId"), text(n, "rulesetId"),
                    Instant.parse(text(n, "due")), score == null ? null : score.asLong(), level == null ? null : level.asText());
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
