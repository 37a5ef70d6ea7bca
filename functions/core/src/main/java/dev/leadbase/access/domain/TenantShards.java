package dev.leadbase.access.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A tenant's lead shards as its tenant item holds them: the newest K ({@code k}, the shards a list queries) and its last
 * raise, {@code raisedAt} (null: never raised, or set at the tenant's creation) from {@code before}. A list may use a K
 * cached for up to {@link #LIST_CACHE}; new leads use the raised K only once the raise is {@link #ACTIVATION} old (the
 * list cache plus a margin for eventually consistent reads and clocks), the K before it until then, so that every shard
 * a create may use is one every list queries. A raise while one is pending is refused, so {@code before} is always
 * active in every list.
 */
public record TenantShards(int k, int before, Instant raisedAt) {
    /** How long a container may list a tenant's leads with a K it read. */
    public static final Duration LIST_CACHE = Duration.ofSeconds(50);
    /** How long after a raise new leads start to use the raised K. */
    public static final Duration ACTIVATION = Duration.ofSeconds(60);

    /** A K active at once (a tenant's creation, a tenant item without a raise). */
    public static TenantShards active(int k) {
        return new TenantShards(k, k, null);
    }

    /** The K a lead created at {@code now} is placed with. */
    public int forNewLeadAt(Instant now) {
        return pendingAt(now) ? before : k;
    }

    /** Whether the last raise is not yet used by new leads at {@code now} (then another raise is refused). */
    public boolean pendingAt(Instant now) {
        return raisedAt != null && now.isBefore(raisedAt.plus(ACTIVATION));
    }
}
