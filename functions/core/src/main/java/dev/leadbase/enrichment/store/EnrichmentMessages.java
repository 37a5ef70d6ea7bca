package dev.leadbase.enrichment.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.shared.json.Json;
import java.util.Optional;

/** Reads the body of an enrichment queue message; a body that cannot be read is empty. */
public final class EnrichmentMessages {
    private EnrichmentMessages() {
    }

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
