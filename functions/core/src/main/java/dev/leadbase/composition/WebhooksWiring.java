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
import dev.leadbase.webhooks.domain.RetrySchedule;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import dev.leadbase.webhooks.app.Webhooks;
import dev.leadbase.webhooks.domain.WebhookUrlPolicy;
import dev.leadbase.webhooks.store.DynamoDeliveryLog;
import dev.leadbase.webhooks.store.DynamoSubscriptions;
import dev.leadbase.webhooks.store.HttpWebhookSender;
import dev.leadbase.webhooks.store.SqsDeliveryQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the webhooks slice (subscriptions, deliveries) over a function's components.
 */
public final class WebhooksWiring {
    /** Set by the local runtime ({@code ./leadbase serve}, the tests) and never by template.yaml. */
    public static final String LOCAL_VARIABLE = "LEADBASE_LOCAL";
    /** The key every subscription's signing secret is derived with (on AWS its ARN, in _ARN). */
    public static final String SECRET_KEY = "LEADBASE_WEBHOOK_SECRET";
    /** How long the fan-out and the worker keep subscriptions: a change to them takes effect within this time. */
    static final int DEFAULT_SUBSCRIPTION_CACHE_SECONDS = 5;
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
        // the delivery log and queue are built only when an enable resumes deliveries: the other routes need neither
        PendingDeliveries pending = (tenantId, subscriptionId) -> pendingDeliveries().resume(tenantId, subscriptionId);
        return new Webhooks(subscriptions(), urlPolicy(), pending, components::cursorSigner, components.clock());
    }

    /** Where webhooks may go (checked at create, PATCH and every delivery): loopback too under the local runtime. */
    public WebhookUrlPolicy urlPolicy() {
        return new WebhookUrlPolicy(components.config().optional(LOCAL_VARIABLE).map("true"::equalsIgnoreCase)
                .orElse(false));
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
        WebhookUrlPolicy policy = urlPolicy();
        boolean local = policy.local();
        DeliveryAddressCheck addresses = policy::problem;
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

    private DynamoSubscriptions subscriptions() {
        return new DynamoSubscriptions(components.dynamo(), Tables.WEBHOOKS.in(components.config()),
                () -> components.secrets().required(SECRET_KEY));
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
