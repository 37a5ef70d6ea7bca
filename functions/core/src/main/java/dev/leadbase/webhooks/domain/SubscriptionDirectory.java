package dev.leadbase.webhooks.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What delivery needs of the subscriptions (the webhooks store implements it). */
public interface SubscriptionDirectory {
    /** The tenant's subscriptions, enabled or not (a tenant has few; a delivery worker may cache them briefly). */
    List<Subscription> ofTenant(String tenantId);

    Optional<Subscription> find(String tenantId, String subscriptionId);

    /** The secrets a delivery made at {@code at} is signed with: the current one, and the previous one for 24 h. */
    List<String> signingSecrets(String tenantId, String subscriptionId, Instant at);

    /** Disables the subscription with a reason (after 72 h of failed deliveries); false if it was already disabled. */
    boolean disable(String tenantId, String subscriptionId, String reason, Instant at);
}
