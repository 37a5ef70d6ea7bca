package dev.leadbase.enrichment.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The result of one input lead of a job: pending until settled exactly once. */
public record LeadResult(String tenantId, String jobId, int index, LeadInput input, String targetLeadId,
                         State state, Enrichment enrichment, String code, String message, Instant settledAt,
                         boolean writeBackPending) {

    /** How a lead was settled. */
    public enum State {
        PENDING, ENRICHED, NO_MATCH, FAILED;

        /** Whether the lead's credit is charged (else it goes back to the balance). */
        public boolean charged() {
            return this == ENRICHED;
        }
    }

    public static LeadResult pending(String tenantId, String jobId, int index, LeadInput input, String targetLeadId) {
        return new LeadResult(tenantId, jobId, index, input, targetLeadId, State.PENDING, null, null, null, null, false);
    }

    public boolean settled() {
        return state != State.PENDING;
    }

    public LeadResult settle(State newState, Enrichment found, String newCode, String newMessage, Instant at) {
        return new LeadResult(tenantId, jobId, index, input, targetLeadId, newState, found, newCode, newMessage, at,
                newState == State.ENRICHED && targetLeadId != null);
    }

    public LeadResult withTarget(String leadId) {
        return new LeadResult(tenantId, jobId, index, input, leadId, state, enrichment, code, message, settledAt,
                writeBackPending);
    }

    public List<String> sources() {
        return enrichment == null ? List.of() : enrichment.sources();
    }

    public Map<String, Object> enrichedData() {
        return enrichment == null ? Map.of() : enrichment.data();
    }
}
