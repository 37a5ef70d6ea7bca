package dev.leadbase.composition;

import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.shared.config.Config;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.webhooks.app.DeliveryFanout;
import dev.leadbase.webhooks.app.DeliveryLogPages;
import dev.leadbase.webhooks.app.PendingResume;
import dev.leadbase.webhooks.app.Replays;
import dev.leadbase.webhooks.app.WebhookDeliveries;
import dev.leadbase.webhooks.domain.DeliveryAddressCheck;
import dev.leadbase.webhooks.domain.DeliveryLog;
import dev.leadbase.webhooks.domain.DeliveryQueue;
import dev.leadbase.webhooks.domain.PendingDeliveries;
import dev.leadbase.webhooks.domain.PublicAddressesOnly;
import dev.leadbase.webhooks.domain.RetrySchedule;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import dev.leadbase.webhooks.store.DynamoDeliveryLog;
import dev.leadbase.webhooks.store.HttpWebhookSender;
import dev.leadbase.webhooks.store.SqsDeliveryQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the webhooks slice (subscriptions, deliveries) over a function's components.
 * SKELETON: the subscriptions part replaces {@link #subscriptionDirectory()}; nothing here may remain a placeholder
 * once it has landed.
 */
public final class WebhooksWiring {
    /** How long the fan-out and the worker keep subscriptions: a change to them takes effect within this time. */
    static final int DEFAULT_SUBSCRIPTION_CACHE_SECONDS = 5;
    private final Components components;

    public WebhooksWiring(Components components) {
        this.components = components;
    }

    public SubscriptionDirectory subscriptionDirectory() {
        throw new UnsupportedOperationException("built by the subscriptions part");
    }

    /** The feed writer's fan-out: needs DELIVERY_QUEUE_URL. */
    public ChangeFanout changeFanout() {
        return changeFanout(directoryOnFirstUse());
    }

    public ChangeFanout changeFanout(SubscriptionDirectory directory) {
        return new DeliveryFanout(directory, deliveryQueue(), components.clock(), subscriptionCache());
    }

    /** Queues again what waited while a subscription was disabled: needs DELIVERY_QUEUE_URL, WEBHOOK_DELIVERIES_TABLE. */
    public PendingDeliveries pendingDeliveries() {
        return new PendingResume(deliveryLog(), deliveryQueue());
    }

    /** The delivery worker's use case, over the subscriptions and the changes queue. */
    public WebhookDeliveries webhookDeliveries() {
        return webhookDeliveries(directoryOnFirstUse(), new ChangesWiring(components).changeSink());
    }

    /**
     * The delivery worker's use case over a given directory and sink. Settings: WEBHOOK_RETRY_BASE_MS (10000) and
     * WEBHOOK_GIVE_UP_AFTER_SECONDS (72 h) shape the retries; LEADBASE_LOCAL lets deliveries reach loopback over http.
     */
    public WebhookDeliveries webhookDeliveries(SubscriptionDirectory directory, ChangeSink changes) {
        Config config = components.config();
        boolean local = Boolean.parseBoolean(config.get("LEADBASE_LOCAL", "false"));
        DeliveryAddressCheck addresses = new PublicAddressesOnly(local);
        RetrySchedule schedule = new RetrySchedule(
                Duration.ofMillis(config.integer("WEBHOOK_RETRY_BASE_MS", (int) RetrySchedule.DEFAULT_BASE.toMillis())),
                Duration.ofSeconds(config.integer("WEBHOOK_GIVE_UP_AFTER_SECONDS",
                        (int) RetrySchedule.DEFAULT_GIVE_UP_AFTER.toSeconds())));
        return new WebhookDeliveries(directory, deliveryLog(), deliveryQueue(), new HttpWebhookSender(addresses, local),
                changes, schedule, components.clock(), subscriptionCache());
    }

    /** {@code GET /api/v2/webhooks/{id}/deliveries}. */
    public DeliveryLogPages deliveryLogPages() {
        return deliveryLogPages(directoryOnFirstUse());
    }

    public DeliveryLogPages deliveryLogPages(SubscriptionDirectory directory) {
        return new DeliveryLogPages(directory, deliveryLog(), components.cursorSigner());
    }

    /** {@code POST /api/v2/webhooks/{id}/replay}: the feed read back, sent to the delivery queue. */
    public Replays replays() {
        return replays(directoryOnFirstUse(), new ChangesWiring(components).changeLog());
    }

    public Replays replays(SubscriptionDirectory directory, ChangeLog changes) {
        return new Replays(directory, changes, deliveryQueue());
    }

    /** How long the fan-out and the worker keep what they read of the subscriptions: WEBHOOK_SUBSCRIPTION_CACHE_SECONDS. */
    private Duration subscriptionCache() {
        return Duration.ofSeconds(components.config().integer("WEBHOOK_SUBSCRIPTION_CACHE_SECONDS",
                DEFAULT_SUBSCRIPTION_CACHE_SECONDS));
    }

    private DeliveryLog deliveryLog() {
        return new DynamoDeliveryLog(components.dynamo(), Tables.WEBHOOK_DELIVERIES.in(components.config()));
    }

    private DeliveryQueue deliveryQueue() {
        Config config = components.config();
        return new SqsDeliveryQueue(components.sqs(), config.required("DELIVERY_QUEUE_URL"),
                config.optional("DELIVERY_DLQ_URL").orElse(null));
    }

    /** The directory, built when first asked, so that a handler holding it can be built before it is needed. */
    private SubscriptionDirectory directoryOnFirstUse() {
        return new LazyDirectory(this::subscriptionDirectory);
    }

    private static final class LazyDirectory implements SubscriptionDirectory {
        private final Supplier<SubscriptionDirectory> build;
        private SubscriptionDirectory built;

        LazyDirectory(Supplier<SubscriptionDirectory> build) {
            this.build = build;
        }

        private synchronized SubscriptionDirectory directory() {
            if (built == null) {
                built = build.get();
            }
            return built;
        }

        @Override
        public List<Subscription> ofTenant(String tenantId) {
            return directory().ofTenant(tenantId);
        }

        @Override
        public Optional<Subscription> find(String tenantId, String subscriptionId) {
            return directory().find(tenantId, subscriptionId);
        }

        @Override
        public List<String> signingSecrets(String tenantId, String subscriptionId, Instant at) {
            return directory().signingSecrets(tenantId, subscriptionId, at);
        }

        @Override
        public boolean disable(String tenantId, String subscriptionId, String reason, Instant at) {
            return directory().disable(tenantId, subscriptionId, reason, at);
        }
    }
}
