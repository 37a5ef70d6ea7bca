package dev.leadbase.webhooks.domain;

import dev.leadbase.changes.domain.ChangeType;
import java.time.Instant;

/**
 * One entry of the delivery log: an attempt at a delivery (or a delivery held while its subscription is disabled).
 *
 * @param attempt      1 for the first attempt of the delivery; 0 for a pending entry
 * @param responseCode the receiver's HTTP status, null when none came (refused address, timeout, connection error)
 * @param responseBody the first {@link #MAX_RESPONSE_BYTES} bytes of the answer's body (null when none)
 * @param error        why the attempt failed (null when it succeeded)
 */
public record DeliveryAttempt(String tenantId, String subscriptionId, String deliveryId, String eventId, ChangeType type,
                              int attempt, DeliveryStatus status, long latencyMs, Integer responseCode,
                              String responseBody, String error, Instant attemptedAt) {
    /** How much of a receiver's answer is read and kept. */
    public static final int MAX_RESPONSE_BYTES = 1024;
    /** How much of an error text is kept. */
    public static final int MAX_ERROR_CHARS = 300;

    public DeliveryAttempt {
        if (error != null && error.length() > MAX_ERROR_CHARS) {
            error = error.substring(0, MAX_ERROR_CHARS);
        }
    }
}
