package dev.leadbase.access.domain;

import java.time.Instant;

/** A customer account: its name, its credit ledger and its limits. */
public record Tenant(String tenantId, String name, Instant createdAt, CreditBalance credits, long enrichPerHourLimit) {
}
