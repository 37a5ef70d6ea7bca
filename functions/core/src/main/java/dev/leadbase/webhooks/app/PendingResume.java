package dev.leadbase.webhooks.app;

import dev.leadbase.webhooks.domain.DeliveryLog;
import dev.leadbase.webhooks.domain.DeliveryLog.Held;
import dev.leadbase.webhooks.domain.DeliveryQueue;
import dev.leadbase.webhooks.domain.PendingDeliveries;
import java.util.List;

/**
 * Queues again, in the order they were held, the deliveries held while a subscription was disabled, and forgets each
 * once queued (a crash in between queues it twice at worst: the receiver dedupes by event id).
 */
public final class PendingResume implements PendingDeliveries {
    private static final int PAGE = 100;
    private final DeliveryLog log;
    private final DeliveryQueue queue;

    public PendingResume(DeliveryLog log, DeliveryQueue queue) {
        this.log = log;
        this.queue = queue;
    }

    @Override
    public void resume(String tenantId, String subscriptionId) {
        List<Held> held;
        do {
            held = log.held(tenantId, subscriptionId, PAGE);
            if (held.isEmpty()) {
                return;
            }
            // the held position tells this sending apart from the first one within the queue's deduplication window
            queue.send(held.stream().map(Held::delivery).toList(), "resume:" + held.getFirst().position());
            held.forEach(log::release);
        } while (held.size() == PAGE);
    }
}
