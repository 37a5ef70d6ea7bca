package dev.leadbase.access.domain;

import java.time.Instant;
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

    /** The tenant's lead shards and their last raise, read consistently; empty when there is no such tenant. */
    Optional<TenantShards> leadShards(String tenantId);

    /**
     * Raises the tenant's lead shards to {@code k} at {@code now} (the README's command, for tests and tools); false when
     * refused: no such tenant, {@code k} not more than its K, or a raise still pending ({@link TenantShards#pendingAt}).
     */
    boolean raiseLeadShards(String tenantId, int k, Instant now);

    /** Adds credits to the balance of an existing tenant; empty when the tenant does not exist. */
    Optional<CreditBalance> grant(String tenantId, long amount);
}
