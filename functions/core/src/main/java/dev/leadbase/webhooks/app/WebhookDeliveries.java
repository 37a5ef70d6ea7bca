package dev.leadbase.webhooks.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.DeliveryLog;
import dev.leadbase.webhooks.domain.DeliveryLog.Progress;
import dev.leadbase.webhooks.domain.DeliveryQueue;
import dev.leadbase.webhooks.domain.DeliveryStatus;
import dev.leadbase.webhooks.domain.RetrySchedule;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import dev.leadbase.webhooks.domain.WebhookSender;
import dev.leadbase.webhooks.domain.WebhookSender.SendResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers a batch of the delivery queue (FIFO): each message is one signed POST to its subscription, logged. A failed
 * one comes back after the {@link RetrySchedule}'s next step (its visibility is extended) and is reported failed; the
 * later messages of its group (the same subscription and lead) in the batch are not attempted and come back with it,
 * so a subscription gets one lead's events in order while other leads' go on. A delivery whose first attempt lies
 * 72 h back disables its subscription (a {@code webhook.disabled} event goes to the feed); the deliveries of a
 * disabled subscription are held, as {@code pending}, until it is enabled again.
 */
public final class WebhookDeliveries {
    private final SubscriptionDirectory directory;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final ChangeSink changes;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final EnabledSubscriptions subscriptions;

    /** {@code cacheFor}: how long an enabled subscription and its secrets are kept (zero: read for every delivery). */
    public WebhookDeliveries(SubscriptionDirectory directory, DeliveryLog log, DeliveryQueue queue, WebhookSender sender,
                             ChangeSink changes, RetrySchedule schedule, Clock clock, Duration cacheFor) {
        this.directory = directory;
        this.log = log;
        this.queue = queue;
        this.sender = sender;
        this.changes = changes;
        this.schedule = schedule;
        this.clock = clock;
        this.subscriptions = new EnabledSubscriptions(directory, cacheFor);
    }

    /**
     * Works through the batch; answers the ids of the messages to report failed. The groups (subscription and lead)
     * of a batch are independent and are worked at once; each group's messages one after the other, in order.
     */
    public Set<String> handle(List<ReceivedDelivery> batch) {
        Set<String> failed = new LinkedHashSet<>();
        Map<String, List<ReceivedDelivery>> groups = new LinkedHashMap<>();
        for (ReceivedDelivery message : batch) {
            if (message.readable()) {
                groups.computeIfAbsent(message.delivery().orderGroup(), g -> new ArrayList<>()).add(message);
                continue;
            }
            try {
                // a poison message would block its group for good: it waits in the dead-letter queue instead
                queue.deadLetter(message.body(), message.group(), message.messageId());
                JsonLog.warn("unreadable delivery message moved to the dead-letter queue",
                        Map.of("messageId", message.messageId()));
            } catch (RuntimeException e) {
                JsonLog.error("unreadable delivery message kept in the queue", Map.of("messageId", message.messageId()), e);
                failed.add(message.messageId());
            }
        }
        List<Callable<Set<String>>> work = new ArrayList<>();
        groups.values().forEach(group -> work.add(() -> group(group)));
        AtOnce.all(work).forEach(failed::addAll);
        return failed;
    }

    /** One group's messages in order: once one is to be retried, the later ones come back with it, behind it. */
    private Set<String> group(List<ReceivedDelivery> messages) {
        Set<String> failed = new LinkedHashSet<>();
        Duration wait = null;
        for (ReceivedDelivery message : messages) {
            if (wait != null) {
                failed.add(message.messageId());
                try {
                    queue.retryAfter(message.receiptHandle(), wait);
                } catch (RuntimeException e) {
                    // it comes back after the queue's visibility timeout instead, still behind the earlier one
                }
                continue;
            }
            Optional<Duration> retry;
            try {
                retry = deliver(message);
            } catch (RuntimeException e) {
                JsonLog.error("delivery failed", Map.of("deliveryId", message.delivery().deliveryId()), e);
                retry = Optional.of(schedule.delayAfter(1, ThreadLocalRandom.current().nextDouble()));
                try {
                    queue.retryAfter(message.receiptHandle(), retry.get());
                } catch (RuntimeException ignored) {
                    // it comes back after the queue's visibility timeout instead
                }
            }
            if (retry.isPresent()) {
                wait = retry.get();
                failed.add(message.messageId());
            }
        }
        return failed;
    }

    /** One delivery; answers the pause before it is tried again, empty when it is done with (delivered, held, gone). */
    private Optional<Duration> deliver(ReceivedDelivery message) {
        Delivery d = message.delivery();
        Instant now = clock.instant();
        Optional<Subscription> found = subscriptions.find(d.tenantId(), d.subscriptionId(), now);
        if (found.isEmpty()) {
            JsonLog.info("delivery dropped: its subscription is gone", Map.of("tenantId", d.tenantId(),
                    "subscriptionId", d.subscriptionId(), "deliveryId", d.deliveryId()));
            return Optional.empty();
        }
        Subscription subscription = found.get();
        if (!subscription.enabled()) {
            hold(d, now);
            return Optional.empty();
        }
        // the first receive is the first attempt; later ones read how far the delivery has got
        Progress prior = message.receiveCount() > 1
                ? log.progress(d.tenantId(), d.subscriptionId(), d.deliveryId()).orElse(null) : null;
        int attempt = prior == null ? 1 : prior.attempts() + 1;
        Instant first = prior == null ? now : prior.firstAttemptAt();
        List<String> secrets = subscriptions.secrets(d.tenantId(), d.subscriptionId(), now);
        SendResult result = secrets.isEmpty()
                ? new SendResult(null, null, "The subscription has no valid signing secret", 0)
                : sender.send(subscription.url(), d, secrets, now);
        log.record(new DeliveryAttempt(d.tenantId(), d.subscriptionId(), d.deliveryId(), d.event().id(),
                d.event().type(), attempt, result.succeeded() ? DeliveryStatus.SUCCEEDED : DeliveryStatus.FAILED,
                result.latencyMs(), result.status(), result.body(), result.error(), now));
        if (result.succeeded()) {
            return Optional.empty();
        }
        Instant end = clock.instant();
        if (schedule.exhausted(first, end)) {
            giveUp(subscription, d, result, end);
            return Optional.empty();
        }
        log.noteFailure(d.tenantId(), d.subscriptionId(), d.deliveryId(), new Progress(attempt, first));
        Duration delay = schedule.delayAfter(attempt, ThreadLocalRandom.current().nextDouble());
        queue.retryAfter(message.receiptHandle(), delay);
        return Optional.of(delay);
    }

    /**
     * Disables the subscription and tells the feed. The event's id is made from the subscription as it was read, so
     * that a retry, or another delivery giving up at the same time, publishes the same event (the feed places it once).
     */
    private void giveUp(Subscription subscription, Delivery d, SendResult last, Instant now) {
        Duration window = schedule.giveUpAfter();
        String reason = "Deliveries failed for " + (window.toHours() > 0 ? window.toHours() + " h" : window.toSeconds() + " s")
                + (last.error() == null ? "" : " (last: " + last.error() + ")");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhookId", subscription.id());
        data.put("url", subscription.url());
        data.put("reason", reason);
        data.put("disabledAt", now.toString());
        String version = subscription.updatedAt() == null ? "" : subscription.updatedAt().toString();
        String eventId = "evt_" + DeliveryIds.digest("webhook.disabled\n" + subscription.id() + "\n" + version)
                .substring(0, 32);
        changes.publish(List.of(new ChangeEvent(d.tenantId(), eventId, ChangeType.WEBHOOK_DISABLED, now,
                subscription.id(), null, null, 0, data)));
        subscriptions.forget(d.tenantId(), subscription.id());
        if (directory.disable(d.tenantId(), subscription.id(), reason, now)) {
            JsonLog.warn("subscription disabled", Map.of("tenantId", d.tenantId(), "subscriptionId", subscription.id(),
                    "reason", reason));
        }
        hold(d, now);
    }

    private void hold(Delivery d, Instant now) {
        log.hold(d, now);
        log.record(new DeliveryAttempt(d.tenantId(), d.subscriptionId(), d.deliveryId(), d.event().id(),
                d.event().type(), 0, DeliveryStatus.PENDING, 0, null, null, "The subscription is disabled", now));
    }
}
