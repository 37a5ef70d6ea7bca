package dev.leadbase.leads.domain;

/**
 * How many lead shards (K) a tenant's leads are spread over. A lead's shard is chosen once, at create, from the K of
 * that moment; K is only ever raised, so a list that queries the tenant's current K shards finds every lead.
 */
public interface LeadShards {
    /** The K of a tenant created without one. */
    int DEFAULT = 8;
    int MIN = 1;
    int MAX = 128;

    /** The K a new lead of the tenant is placed with: possibly cached, never more than the tenant's current K. */
    int forNewLead(String tenantId);

    /** The tenant's current K, read now: the shards a list must query. */
    int current(String tenantId);

    /** The shard of a lead created when its tenant had {@code shards} shards. */
    static int shardOf(String leadId, int shards) {
        return Math.floorMod(leadId.hashCode(), shards);
    }

    /** A fixed K for every tenant (tests, tools). */
    static LeadShards fixed(int shards) {
        return new LeadShards() {
            @Override
            public int forNewLead(String tenantId) {
                return shards;
            }

            @Override
            public int current(String tenantId) {
                return shards;
            }
        };
    }
}
