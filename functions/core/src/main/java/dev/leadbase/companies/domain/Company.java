package dev.leadbase.companies.domain;

import java.time.Instant;

/** A company of a tenant's directory; leads link to it by {@code companyId}. */
public record Company(String tenantId, String id, String name, String domain, String website, String industry,
                      String size, String description, Instant createdAt, Instant updatedAt) {
}
