package dev.leadbase.enrichment.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON body of an enrichment queue message: written by the queue, read by the worker and the DLQ settler. */
public final class EnrichmentMessages {
    private EnrichmentMessages() {
    }

    public static String write(EnrichmentMessage m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", m.tenantId());
        body.put("jobId", m.jobId());
        body.put("index", m.index());
        return Json.write(body);
    }

    /** The lead a body names; empty for a body that is not what {@link #write} writes. */
    public static Optional<EnrichmentMessage> parse(String body) {
        try {
            JsonNode n = Json.read(body);
            if (!n.path("tenantId").isTextual() || !n.path("jobId").isTextual() || !n.path("index").canConvertToInt()) {
                return Optional.empty();
            }
            return Optional.of(new EnrichmentMessage(n.get("tenantId").asText(), n.get("jobId").asText(),
                    n.get("index").asInt()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
