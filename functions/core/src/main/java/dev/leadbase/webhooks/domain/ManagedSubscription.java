package dev.leadbase.webhooks.domain;

import java.time.Instant;

/**
 * A subscription as its tenant manages it: the subscription and when its secret last changed, never the secret.
 *
 * @param secretRotatedAt          when the current secret was made (the creation time until a rotation)
 * @param previousSecretExpiresAt  until when the secret before the last rotation still signs deliveries (null when none)
 */
public record ManagedSubscription(Subscription subscription, Instant secretRotatedAt, Instant previousSecretExpiresAt) {
    public String id() {
        return subscription.id();
    }
}
