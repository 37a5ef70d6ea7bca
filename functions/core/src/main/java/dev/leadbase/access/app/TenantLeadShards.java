package dev.leadbase.access.app;

import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.domain.TenantRepository;
import dev.leadbase.leads.domain.LeadShards;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' lead shards as the tenant item holds them. New leads use the K read (consistently) on the container's
 * first create of the tenant: K is only raised, so a cached K is never more than the current one and every lead stays in
 * a shard a list queries. A list reads the current K each time, eventually consistently (half the units): after a raise,
 * a lead placed in a new shard within the same second may miss a list for that second, as a new index entry may; a
 * tenant the read does not find yet (created a moment ago) is read again consistently.
 */
public final class TenantLeadShards implements LeadShards {
    private final TenantRepository tenants;
    private final Map<String, Integer> forNewLeads = new ConcurrentHashMap<>();

    public TenantLeadShards(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    public int forNewLead(String tenantId) {
        return forNewLeads.computeIfAbsent(tenantId, this::stored);
    }

    @Override
    public int current(String tenantId) {
        OptionalInt soon = tenants.leadShardsSoon(tenantId);
        return soon.isPresent() ? soon.getAsInt() : stored(tenantId);
    }

    private int stored(String tenantId) {
        return tenants.find(tenantId).map(Tenant::leadShards).orElse(LeadShards.DEFAULT);
    }
}
