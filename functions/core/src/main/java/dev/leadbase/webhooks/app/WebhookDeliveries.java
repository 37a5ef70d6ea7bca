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
     * of a batch are independent and are worked at once; each group's messages one after the other, in order. The
     * POSTs come first; then the batch's attempts are logged with one write; only then is a failed delivery's retry
     * noted and set up. A message whose attempt could not be logged is reported failed, so it is not deleted: it
     * comes back (and is sent again) with the later messages of its group behind it.
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
        List<Callable<List<Sent>>> sending = new ArrayList<>();
        groups.values().forEach(group -> sending.add(() -> send(group)));
        List<List<Sent>> sent = AtOnce.all(sending);
        Set<DeliveryAttempt> unlogged = record(sent);
        List<Callable<Set<String>>> settling = new ArrayList<>();
        for (List<Sent> group : sent) {
            if (!group.stream().allMatch(g -> g.settled(unlogged))) {
                settling.add(() -> settle(group, unlogged));
            }
        }
        AtOnce.all(settling).forEach(failed::addAll);
        return failed;
    }

    /**
     * What became of one message before the batch's attempts are logged.
     *
     * @param attempt the attempt to log; null when there is none (dropped, held, not attempted, broken)
     * @param retry   the failed attempt's progress and pause; null when it succeeded or was not made
     * @param broken  whether the delivery could not be attempted (a store or the queue failed)
     * @param behind  whether it was not attempted, because an earlier message of its group is to be retried
     */
    private record Sent(ReceivedDelivery message, DeliveryAttempt attempt, Retry retry, boolean broken,
                        boolean behind) {
        static Sent done(ReceivedDelivery message) {
            return new Sent(message, null, null, false, false);
        }

        /** Whether the group needs nothing more of this message: done, and its attempt (if any) logged. */
        boolean settled(Set<DeliveryAttempt> unlogged) {
            return !broken && !behind && retry == null && (attempt == null || !unlogged.contains(attempt));
        }
    }

    /** A failed attempt's progress and the pause before the next. */
    private record Retry(Progress progress, Duration delay) {
    }

    /** One group's POSTs in order, until one is to be retried: the later ones stay behind it, unattempted. */
    private List<Sent> send(List<ReceivedDelivery> messages) {
        List<Sent> sent = new ArrayList<>();
        boolean stopped = false;
        for (ReceivedDelivery message : messages) {
            if (stopped) {
                sent.add(new Sent(message, null, null, false, true));
                continue;
            }
            Sent s;
            try {
                s = deliver(message);
            } catch (RuntimeException e) {
                JsonLog.error("delivery failed", Map.of("deliveryId", message.delivery().deliveryId()), e);
                s = new Sent(message, null, null, true, false);
            }
            sent.add(s);
            stopped = s.broken() || s.retry() != null;
        }
        return sent;
    }

    /** The batch's attempts in one write; answers those that could not be written. */
    private Set<DeliveryAttempt> record(List<List<Sent>> sent) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        sent.forEach(group -> group.stream().map(Sent::attempt).filter(a -> a != null).forEach(attempts::add));
        if (attempts.isEmpty()) {
            return Set.of();
        }
        Set<DeliveryAttempt> unwritten;
        try {
            unwritten = Set.copyOf(log.record(attempts));
        } catch (RuntimeException e) {
            JsonLog.error("delivery attempts not logged", Map.of("attempts", attempts.size()), e);
            return Set.copyOf(attempts);
        }
        if (!unwritten.isEmpty()) {
            JsonLog.warn("delivery attempts not logged: their messages come back",
                    Map.of("attempts", attempts.size(), "unwritten", unwritten.size()));
        }
        return unwritten;
    }

    /**
     * One group after its attempts were logged, in order: a failed attempt's progress is noted and its message comes
     * back after its pause; one that could not be attempted or logged comes back after the schedule's first step;
     * the later messages come back behind it. Answers the messages to report failed.
     */
    private Set<String> settle(List<Sent> group, Set<DeliveryAttempt> unlogged) {
        Set<String> failed = new LinkedHashSet<>();
        Duration wait = null;
        for (Sent s : group) {
            ReceivedDelivery message = s.message();
            if (wait != null) {
                failed.add(message.messageId());
                try {
                    queue.retryAfter(message.receiptHandle(), wait);
                } catch (RuntimeException e) {
                    // it comes back after the queue's visibility timeout instead, still behind the earlier one
                }
                continue;
            }
            if (s.settled(unlogged)) {
                continue;
            }
            Delivery d = message.delivery();
            Duration retry = null;
            if (s.retry() != null && !unlogged.contains(s.attempt())) {
                try {
                    log.noteFailure(d.tenantId(), d.subscriptionId(), d.deliveryId(), s.retry().progress());
                    queue.retryAfter(message.receiptHandle(), s.retry().delay());
                    retry = s.retry().delay();
                } catch (RuntimeException e) {
                    JsonLog.error("delivery retry not set up", Map.of("deliveryId", d.deliveryId()), e);
                }
            }
            if (retry == null) {
                // not attempted, not logged, or its retry not set up: it comes back after the schedule's first step
                retry = schedule.delayAfter(1, ThreadLocalRandom.current().nextDouble());
                try {
                    queue.retryAfter(message.receiptHandle(), retry);
                } catch (RuntimeException ignored) {
                    // it comes back after the queue's visibility timeout instead
                }
            }
            wait = retry;
            failed.add(message.messageId());
        }
        return failed;
    }

    /**
     * One delivery's POST: what to log of it, and whether it is to be retried. It is done with when its subscription
     * is gone or disabled (then held), and when it has failed for the schedule's whole span (then logged here and the
     * subscription disabled, so that the group's later messages are held behind it).
     */
    private Sent deliver(ReceivedDelivery message) {
        Delivery d = message.delivery();
        Instant now = clock.instant();
        Optional<Subscription> found = subscriptions.find(d.tenantId(), d.subscriptionId(), now);
        if (found.isEmpty()) {
            JsonLog.info("delivery dropped: its subscription is gone", Map.of("tenantId", d.tenantId(),
                    "subscriptionId", d.subscriptionId(), "deliveryId", d.deliveryId()));
            return Sent.done(message);
        }
        Subscription subscription = found.get();
        if (!subscription.enabled()) {
            hold(d, now);
            return Sent.done(message);
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
        DeliveryAttempt logged = new DeliveryAttempt(d.tenantId(), d.subscriptionId(), d.deliveryId(), d.event().id(),
                d.event().type(), attempt, result.succeeded() ? DeliveryStatus.SUCCEEDED : DeliveryStatus.FAILED,
                result.latencyMs(), result.status(), result.body(), result.error(), now);
        if (result.succeeded()) {
            return new Sent(message, logged, null, false, false);
        }
        Instant end = clock.instant();
        if (schedule.exhausted(first, end)) {
            if (!log.record(List.of(logged)).isEmpty()) {
                throw new IllegalStateException("The last attempt of delivery " + d.deliveryId() + " was not logged");
            }
            giveUp(subscription, d, result, end);
            return Sent.done(message);
        }
        Duration delay = schedule.delayAfter(attempt, ThreadLocalRandom.current().nextDouble());
        return new Sent(message, logged, new Retry(new Progress(attempt, first), delay), false, false);
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
        DeliveryAttempt pending = new DeliveryAttempt(d.tenantId(), d.subscriptionId(), d.deliveryId(), d.event().id(),
                d.event().type(), 0, DeliveryStatus.PENDING, 0, null, null, "The subscription is disabled", now);
        if (!log.record(List.of(pending)).isEmpty()) {
            throw new IllegalStateException("The held delivery " + d.deliveryId() + " was not logged");
        }
    }
}
