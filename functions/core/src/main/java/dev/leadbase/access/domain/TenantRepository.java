package dev.leadbase.access.domain;

import java.util.Optional;
import java.util.OptionalInt;

/** Stores tenants and their credit ledger. */
public interface TenantRepository {
    void create(Tenant tenant);

    Optional<Tenant> find(String tenantId);

    /**
     * The tenant's lead shards read eventually consistently (half the read units of {@link #find}); empty when the
     * read finds no tenant, which may be one created a moment ago.
     */
    OptionalInt leadShardsSoon(String tenantId);

    /** Adds credits to the balance of an existing tenant; empty when the tenant does not exist. */
    Optional<CreditBalance> grant(String tenantId, long amount);
}
