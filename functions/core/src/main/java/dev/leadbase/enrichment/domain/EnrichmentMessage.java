package dev.leadbase.enrichment.domain;

/** The body of one queue message: which lead of which job to enrich. */
public record EnrichmentMessage(String tenantId, String jobId, int index) {
    public EnrichmentMessage {
        if (tenantId == null || jobId == null || index < 0) {
            throw new IllegalArgumentException("tenantId, jobId and a non-negative index are required");
        }
    }
}
