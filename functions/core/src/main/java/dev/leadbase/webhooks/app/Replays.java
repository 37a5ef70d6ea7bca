package dev.leadbase.webhooks.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.DeliveryQueue;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v2/webhooks/{id}/replay}: sends events taken from the feed to one subscription again, as new
 * deliveries (new delivery ids, the same event ids) in the order they occurred, each lead's in its order. Only the
 * event types the subscription takes are sent.
 */
public final class Replays {
    private final SubscriptionDirectory directory;
    private final ChangeLog changes;
    private final DeliveryQueue queue;

    /**
     * @param matched  the events found (by id, or in the window up to {@link ReplayRequest#MAX_EVENTS})
     * @param queued   how many of them were queued (those of a type the subscription takes)
     * @param nextFrom where a window replay goes on from when it held more events than one replay sends (null: done)
     */
    public record Result(String replayId, int matched, int queued, Instant nextFrom) {
    }

    public Replays(SubscriptionDirectory directory, ChangeLog changes, DeliveryQueue queue) {
        this.directory = directory;
        this.changes = changes;
        this.queue = queue;
    }

    public Result replay(AccessPolicy access, String subscriptionId, ReplayRequest request) {
        access.checkManagesWebhooks();
        Subscription subscription = directory.find(access.tenantId(), subscriptionId)
                .orElseThrow(() -> new NotFound(DeliveryLogPages.WEBHOOK_NOT_FOUND));
        List<ChangeEvent> events;
        Instant nextFrom = null;
        if (request.byIds()) {
            events = changes.byIds(access.tenantId(), request.eventIds());
        } else {
            events = changes.between(access.tenantId(), request.from(), request.to(), ReplayRequest.MAX_EVENTS + 1);
            if (events.size() > ReplayRequest.MAX_EVENTS) {
                nextFrom = events.get(ReplayRequest.MAX_EVENTS).occurredAt();
                events = events.subList(0, ReplayRequest.MAX_EVENTS);
            }
        }
        String replayId = "rpl_" + UUID.randomUUID().toString().replace("-", "");
        List<Delivery> deliveries = events.stream()
                .sorted(Comparator.comparing(ChangeEvent::occurredAt).thenComparingLong(ChangeEvent::sequence))
                .filter(e -> subscription.events().contains(e.type()))
                .map(e -> new Delivery(subscription.id(), DeliveryIds.of(subscription.id(), e.id(), replayId), e))
                .toList();
        if (!deliveries.isEmpty()) {
            queue.send(deliveries, replayId);
        }
        return new Result(replayId, events.size(), deliveries.size(), nextFrom);
    }
}
