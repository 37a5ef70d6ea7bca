package dev.leadbase.changes.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change event of a tenant, as the feed holds it and a webhook delivers it.
 *
 * @param id         stable across retries: made from the change itself (the stream record), never at random
 * @param subjectId  the lead, company, enrichment job or webhook the event is about; it picks the feed partition
 * @param leadId     the lead an {@code own} key must own to see the event; null for events about no one lead
 * @param ownerId    that lead's owner when the change was made (null: none); {@code own} keys see only their own
 * @param sequence   the event's position in its feed partition (only grows; 0 until the feed places it); a
 *                   subject's events share a partition, so it is the per-lead {@code sequence} of the contract
 * @param data       the payload, plain values (String, Number, Boolean, List, Map, null) as the wire shows them
 */
public record ChangeEvent(String tenantId, String id, ChangeType type, Instant occurredAt, String subjectId,
                          String leadId, String ownerId, long sequence, Map<String, Object> data) {
    public ChangeEvent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(data, "data");
    }

    /** The feed partition this event belongs to. */
    public FeedPartition partition() {
        return FeedPartition.of(tenantId, subjectId);
    }

    /** This event placed at {@code position} of its feed partition. */
    public ChangeEvent placedAt(long position) {
        return new ChangeEvent(tenantId, id, type, occurredAt, subjectId, leadId, ownerId, position, data);
    }
}
