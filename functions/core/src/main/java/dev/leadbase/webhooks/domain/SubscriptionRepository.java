package dev.leadbase.webhooks.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's webhook subscriptions and their secrets (the webhooks store implements it, together with
 * {@link SubscriptionDirectory}). A secret is never stored: the store keeps a random salt per secret and derives the
 * secret from it with a server-side key, so it can be shown when it is made and used to sign, and nothing else.
 */
public interface SubscriptionRepository {
    /** How long a secret replaced by a rotation still signs deliveries. */
    Duration PREVIOUS_SECRET_VALIDITY = Duration.ofHours(24);

    /** A subscription that was changed, and whether it was disabled before the change. */
    record Changed(ManagedSubscription subscription, boolean wasEnabled) {
    }

    /** A subscription with a secret just made, shown once. */
    record WithSecret(ManagedSubscription subscription, String secret) {
    }

    /**
     * Stores a new subscription with a new secret, unless its tenant already holds {@code maxPerTenant}: then
     * {@code Conflict}, and nothing is stored.
     */
    WithSecret create(Subscription subscription, int maxPerTenant);

    Optional<ManagedSubscription> findManaged(String tenantId, String subscriptionId);

    List<ManagedSubscription> list(String tenantId);

    /** Applies {@code change} at {@code at}; empty when there is no such subscription. */
    Optional<Changed> update(String tenantId, String subscriptionId, SubscriptionChange change, Instant at);

    /** Deletes the subscription; false when there was none. */
    boolean delete(String tenantId, String subscriptionId);

    /**
     * Makes a new secret at {@code at}; the one it replaces still signs for {@link #PREVIOUS_SECRET_VALIDITY}, and one
     * older than that stops at once. Empty when there is no such subscription.
     */
    Optional<WithSecret> rotateSecret(String tenantId, String subscriptionId, Instant at);

    /** The subscription's current secret (to show again a create answer replayed by its Idempotency-Key). */
    Optional<String> currentSecret(String tenantId, String subscriptionId);

}
