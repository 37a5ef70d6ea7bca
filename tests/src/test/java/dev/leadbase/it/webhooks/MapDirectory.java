package dev.leadbase.it.webhooks;

import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A SubscriptionDirectory (our port; the subscriptions part implements it on DynamoDB) held in a map, for tests. */
final class MapDirectory implements SubscriptionDirectory {
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();

    /** A new enabled subscription of {@code tenantId} to {@code url}, taking {@code types}, signed with {@code secret}. */
    Subscription add(String tenantId, String url, String secret, ChangeType... types) {
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Instant now = Instant.now();
        Subscription s = new Subscription(tenantId, id, url, Set.of(types), "test", true, null, now, now);
        subscriptions.put(key(tenantId, id), s);
        secrets.put(key(tenantId, id), List.of(secret));
        return s;
    }

    void secrets(Subscription s, List<String> valid) {
        secrets.put(key(s.tenantId(), s.id()), List.copyOf(valid));
    }

    void enable(Subscription s) {
        subscriptions.computeIfPresent(key(s.tenantId(), s.id()), (k, old) -> new Subscription(old.tenantId(), old.id(),
                old.url(), old.events(), old.description(), true, null, old.createdAt(), Instant.now()));
    }

    Subscription current(Subscription s) {
        return subscriptions.get(key(s.tenantId(), s.id()));
    }

    @Override
    public List<Subscription> ofTenant(String tenantId) {
        return subscriptions.values().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
    }

    @Override
    public Optional<Subscription> find(String tenantId, String subscriptionId) {
        return Optional.ofNullable(subscriptions.get(key(tenantId, subscriptionId)));
    }

    @Override
    public List<String> signingSecrets(String tenantId, String subscriptionId, Instant at) {
        return secrets.getOrDefault(key(tenantId, subscriptionId), List.of());
    }

    @Override
    public boolean disable(String tenantId, String subscriptionId, String reason, Instant at) {
        boolean[] changed = {false};
        subscriptions.computeIfPresent(key(tenantId, subscriptionId), (k, old) -> {
            changed[0] = old.enabled();
            return new Subscription(old.tenantId(), old.id(), old.url(), old.events(), old.description(), false, reason,
                    old.createdAt(), at);
        });
        return changed[0];
    }

    private static String key(String tenantId, String id) {
        return tenantId + "#" + id;
    }
}
