package dev.leadbase.access.domain;

import java.util.Optional;

/** Stores tenants and their credit ledger. */
public interface TenantRepository {
    void create(Tenant tenant);

    Optional<Tenant> find(String tenantId);

    /** Adds credits to the balance of an existing tenant; empty when the tenant does not exist. */
    Optional<CreditBalance> grant(String tenantId, long amount);
}
