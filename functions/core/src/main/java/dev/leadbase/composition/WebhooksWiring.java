package dev.leadbase.composition;

import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.webhooks.app.Webhooks;
import dev.leadbase.webhooks.domain.PendingDeliveries;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import dev.leadbase.webhooks.domain.WebhookUrlPolicy;
import dev.leadbase.webhooks.store.DynamoSubscriptions;

/**
 * Builds the webhooks slice (subscriptions, deliveries) over a function's components.
 * SKELETON: the delivery part replaces {@link #changeFanout()} and {@link #pendingDeliveries()}; nothing here may
 * remain a placeholder once it has landed.
 */
public final class WebhooksWiring {
    /** Set by the local runtime ({@code ./leadbase serve}, the tests) and never by template.yaml. */
    public static final String LOCAL_VARIABLE = "LEADBASE_LOCAL";
    /** The key every subscription's signing secret is derived with (on AWS its ARN, in _ARN). */
    public static final String SECRET_KEY = "LEADBASE_WEBHOOK_SECRET";

    private final Components components;

    public WebhooksWiring(Components components) {
        this.components = components;
    }

    /** The subscriptions, as delivery reads them; needs WEBHOOKS_TABLE and LEADBASE_WEBHOOK_SECRET(_ARN). */
    public SubscriptionDirectory subscriptionDirectory() {
        return subscriptions();
    }

    /**
     * Subscription management; needs WEBHOOKS_TABLE, LEADBASE_WEBHOOK_SECRET(_ARN) where a secret is made (create,
     * rotate-secret) and the cursor secret where a list is paged.
     */
    public Webhooks webhooks() {
        return new Webhooks(subscriptions(), urlPolicy(), pendingDeliveries(), components::cursorSigner,
                components.clock());
    }

    /** Where webhooks may go: loopback receivers too when the local runtime runs the function. */
    public WebhookUrlPolicy urlPolicy() {
        return new WebhookUrlPolicy(components.config().optional(LOCAL_VARIABLE).map("true"::equalsIgnoreCase)
                .orElse(false));
    }

    public ChangeFanout changeFanout() {
        return placed -> { }; // PLACEHOLDER until the delivery part lands
    }

    public PendingDeliveries pendingDeliveries() {
        return (tenantId, subscriptionId) -> { }; // PLACEHOLDER until the delivery part lands
    }

    private DynamoSubscriptions subscriptions() {
        return new DynamoSubscriptions(components.dynamo(), Tables.WEBHOOKS.in(components.config()),
                () -> components.secrets().required(SECRET_KEY));
    }
}
