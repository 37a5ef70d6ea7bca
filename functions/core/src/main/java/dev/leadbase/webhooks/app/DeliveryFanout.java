package dev.leadbase.webhooks.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.shared.concurrent.Recent;
import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.DeliveryQueue;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns placed change events into deliveries: one per event and enabled subscription of its tenant that wants its
 * type, queued in the events' order. A tenant's subscriptions are read at most every {@code cacheFor} (a few
 * seconds), so a new or changed subscription takes effect within that time. Handing the same events over twice makes
 * the same delivery ids, which the queue drops within its deduplication window.
 */
public final class DeliveryFanout implements ChangeFanout {
    /** Tenants whose subscriptions are kept at most (the most recently used). */
    private static final int CAPACITY = 10_000;
    private final SubscriptionDirectory directory;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration cacheFor;
    private final Recent<String, Cached> cache = new Recent<>(CAPACITY);

    private record Cached(List<Subscription> subscriptions, Instant until) {
    }

    public DeliveryFanout(SubscriptionDirectory directory, DeliveryQueue queue, Clock clock, Duration cacheFor) {
        this.directory = directory;
        this.queue = queue;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    @Override
    public void fanOut(List<ChangeEvent> placed) {
        List<Delivery> deliveries = new ArrayList<>();
        for (ChangeEvent event : placed) {
            for (Subscription s : subscriptions(event.tenantId())) {
                if (s.wants(event.type())) {
                    deliveries.add(new Delivery(s.id(), DeliveryIds.of(s.id(), event.id(), null), event));
                }
            }
        }
        if (!deliveries.isEmpty()) {
            queue.send(deliveries, null);
        }
    }

    private List<Subscription> subscriptions(String tenantId) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached == null || !now.isBefore(cached.until())) {
            cached = new Cached(List.copyOf(directory.ofTenant(tenantId)), now.plus(cacheFor));
            cache.put(tenantId, cached);
        }
        return cached.subscriptions();
    }
}
