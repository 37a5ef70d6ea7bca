package dev.leadbase.webhooks.app;

import dev.leadbase.shared.concurrent.Recent;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery worker's view of the subscriptions: an enabled subscription and its signing secrets are kept for
 * {@code cacheFor} (a few seconds), so a busy subscription is not read for every delivery. Only enabled ones are kept:
 * a subscription enabled again is seen at once (the deliveries it resumes are sent, not held again), while one just
 * disabled, or a rotated secret, takes effect within {@code cacheFor} (the old secret stays valid for 24 h).
 */
final class EnabledSubscriptions {
    /** Subscriptions kept at most (the most recently used). */
    private static final int CAPACITY = 10_000;
    private final SubscriptionDirectory directory;
    private final Duration cacheFor;
    private final Recent<String, Entry> entries = new Recent<>(CAPACITY);

    private record Entry(Subscription subscription, List<String> secrets, Instant until) {
    }

    EnabledSubscriptions(SubscriptionDirectory directory, Duration cacheFor) {
        this.directory = directory;
        this.cacheFor = cacheFor;
    }

    Optional<Subscription> find(String tenantId, String subscriptionId, Instant now) {
        Entry cached = entries.get(key(tenantId, subscriptionId));
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.subscription());
        }
        Optional<Subscription> found = directory.find(tenantId, subscriptionId);
        if (found.isPresent() && found.get().enabled() && !cacheFor.isZero()) {
            entries.put(key(tenantId, subscriptionId), new Entry(found.get(),
                    List.copyOf(directory.signingSecrets(tenantId, subscriptionId, now)), now.plus(cacheFor)));
        } else {
            entries.remove(key(tenantId, subscriptionId));
        }
        return found;
    }

    List<String> secrets(String tenantId, String subscriptionId, Instant now) {
        Entry cached = entries.get(key(tenantId, subscriptionId));
        return cached != null && now.isBefore(cached.until()) ? cached.secrets()
                : directory.signingSecrets(tenantId, subscriptionId, now);
    }

    void forget(String tenantId, String subscriptionId) {
        entries.remove(key(tenantId, subscriptionId));
    }

    private static String key(String tenantId, String subscriptionId) {
        return tenantId + "#" + subscriptionId;
    }
}
