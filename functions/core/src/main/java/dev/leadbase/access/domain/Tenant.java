package dev.leadbase.access.domain;

import java.time.Instant;

/**
 * A customer account: its name, its credit ledger and its limits; {@code leadShards} is the number of shards its
 * leads are spread over ({@code dev.leadbase.leads.domain.LeadShards}), only ever raised.
 */
public record Tenant(String tenantId, String name, Instant createdAt, CreditBalance credits, long enrichPerHourLimit,
                     int leadShards) {
}
