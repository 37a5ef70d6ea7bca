package dev.leadbase.webhooks.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery log and the state a delivery carries between its attempts (the webhooks store implements it): every
 * attempt kept 30 days, the progress of a delivery being retried, and the deliveries held while their subscription
 * is disabled.
 */
public interface DeliveryLog {
    /**
     * Logs the attempts (a batch's, in few writes); answers those that could not be written, which the caller must
     * not count as logged. Logging one attempt twice keeps one entry.
     */
    List<DeliveryAttempt> record(List<DeliveryAttempt> attempts);

    /** A page of a subscription's log, newest first, after the entry {@code after} (null: from the newest). */
    AttemptPage page(String tenantId, String subscriptionId, DeliveryStatus status, String after, int limit);

    /** A page of entries and the position after its last one (null when there are no more). */
    record AttemptPage(List<DeliveryAttempt> attempts, String last) {
    }

    /** How far a delivery being retried has got; empty before its first failed attempt. */
    Optional<Progress> progress(String tenantId, String subscriptionId, String deliveryId);

    /** Notes that attempt {@code progress.attempts()} of the delivery failed. */
    void noteFailure(String tenantId, String subscriptionId, String deliveryId, Progress progress);

    /** @param attempts failed attempts so far; @param firstAttemptAt when the first of them was made */
    record Progress(int attempts, Instant firstAttemptAt) {
    }

    /** Keeps a delivery until its subscription is enabled again. */
    void hold(Delivery delivery, Instant at);

    /** The subscription's held deliveries in the order they were held, at most {@code max}. */
    List<Held> held(String tenantId, String subscriptionId, int max);

    /** Forgets a held delivery once it is queued again. */
    void release(Held held);

    /** A held delivery and its place among the held ones. */
    record Held(Delivery delivery, String position) {
    }
}
