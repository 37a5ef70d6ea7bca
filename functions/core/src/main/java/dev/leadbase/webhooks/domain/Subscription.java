package dev.leadbase.webhooks.domain;

import dev.leadbase.changes.domain.ChangeType;
import java.time.Instant;
import java.util.Set;

/**
 * A tenant's webhook subscription. It never holds a signing secret in clear: {@link SubscriptionDirectory#signingSecrets}
 * gives the secrets valid at a time.
 *
 * @param disabledReason why deliveries stopped (null while enabled, or when a user disabled it)
 */
public record Subscription(String tenantId, String id, String url, Set<ChangeType> events, String description,
                           boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt) {
    public boolean wants(ChangeType type) {
        return enabled && events.contains(type);
    }
}
