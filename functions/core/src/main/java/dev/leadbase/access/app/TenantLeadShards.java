package dev.leadbase.access.app;

import dev.leadbase.access.domain.TenantRepository;
import dev.leadbase.access.domain.TenantShards;
import dev.leadbase.leads.domain.LeadShards;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' lead shards as the tenant item holds them ({@link TenantShards}). New leads use the K of the tenant item
 * read (consistently) on the container's first create of the tenant: the K before a pending raise until it is
 * {@link TenantShards#ACTIVATION} old, the raised K after. K is only raised, so that K is never more than the current
 * one. A list uses the newest K, read eventually consistently and cached for {@link TenantShards#LIST_CACHE}: it was
 * read after any raise new leads use, so every lead is in a shard a list queries. A tenant the read does not find yet
 * (created a moment ago) is read again consistently.
 */
public final class TenantLeadShards implements LeadShards {
    private final TenantRepository tenants;
    private final Clock clock;
    private final Map<String, TenantShards> forNewLeads = new ConcurrentHashMap<>();
    private final Map<String, Listed> forLists = new ConcurrentHashMap<>();

    private record Listed(int k, Instant readAt) {
    }

    public TenantLeadShards(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public int forNewLead(String tenantId) {
        return forNewLeads.computeIfAbsent(tenantId, this::stored).forNewLeadAt(clock.instant());
    }

    @Override
    public int current(String tenantId) {
        Instant now = clock.instant();
        Listed cached = forLists.get(tenantId);
        if (cached != null && now.isBefore(cached.readAt().plus(TenantShards.LIST_CACHE))) {
            return cached.k();
        }
        OptionalInt soon = tenants.leadShardsSoon(tenantId);
        int k = soon.isPresent() ? soon.getAsInt() : stored(tenantId).k();
        forLists.put(tenantId, new Listed(k, now));
        return k;
    }

    private TenantShards stored(String tenantId) {
        return tenants.leadShards(tenantId).orElse(TenantShards.active(LeadShards.DEFAULT));
    }
}
