package dev.leadbase.enrichment.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One source of lead data. Answers empty when it knows nothing; throws {@link ProviderUnavailable}
 * when it could not answer now (timeout, 429, 5xx) so that the queue retries the lead later.
 */
public interface EnrichmentProvider {
    String name();

    Optional<ProviderResult> lookup(ProviderQuery query);

    /**
     * This provider for one batch of leads, each given as the query the chain starts it with. One that
     * can look several leads up at once reads them here and answers a provider that serves them; it
     * lives for that batch only, so nothing it read goes stale.
     */
    default EnrichmentProvider forBatch(List<ProviderQuery> leads) {
        return this;
    }

    /** What a provider is asked: the tenant, the lead as known so far (input plus earlier providers' fields). */
    record ProviderQuery(String tenantId, LeadInput input, Map<String, Object> known) {
        public String knownString(String field) {
            Object v = known.get(field);
            return v instanceof String s && !s.isBlank() ? s : null;
        }

        public String email() {
            return input.email() != null ? input.email() : knownString("email");
        }
    }

    /** Fields found by one provider with its confidence in them (0.0 to 1.0). */
    record ProviderResult(Map<String, Object> fields, double confidence) {
        public ProviderResult {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            confidence = Math.max(0, Math.min(1, confidence));
        }
    }
}
