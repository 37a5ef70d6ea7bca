package dev.leadbase.webhooks.domain;

import dev.leadbase.changes.domain.ChangeEvent;
import java.util.Objects;

/**
 * One event to be delivered to one subscription: what the delivery queue carries. A replay makes a new delivery (a
 * new {@code deliveryId}) of the same event.
 */
public record Delivery(String subscriptionId, String deliveryId, ChangeEvent event) {
    public Delivery {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
    }

    public String tenantId() {
        return event.tenantId();
    }

    /**
     * The delivery queue's message group: one per subscription and subject, so that a subscription gets one lead's
     * events in order while the events of other leads (other groups) go on.
     */
    public String orderGroup() {
        return subscriptionId + "#" + event.subjectId();
    }
}
