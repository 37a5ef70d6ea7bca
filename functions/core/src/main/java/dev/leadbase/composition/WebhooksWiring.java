package dev.leadbase.composition;

import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.webhooks.domain.PendingDeliveries;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;

/**
 * Builds the webhooks slice (subscriptions, deliveries) over a function's components.
 * SKELETON: the subscriptions part replaces {@link #subscriptionDirectory()}, the delivery part {@link #changeFanout()}
 * and {@link #pendingDeliveries()}; nothing here may remain a placeholder once both have landed.
 */
public final class WebhooksWiring {
    private final Components components;

    public WebhooksWiring(Components components) {
        this.components = components;
    }

    public SubscriptionDirectory subscriptionDirectory() {
        throw new UnsupportedOperationException("built by the subscriptions part");
    }

    public ChangeFanout changeFanout() {
        return placed -> { }; // PLACEHOLDER until the delivery part lands
    }

    public PendingDeliveries pendingDeliveries() {
        return (tenantId, subscriptionId) -> { }; // PLACEHOLDER until the delivery part lands
    }
}
