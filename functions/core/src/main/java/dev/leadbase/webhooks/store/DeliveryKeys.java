package dev.leadbase.webhooks.store;

import dev.leadbase.webhooks.domain.DeliveryStatus;
import java.time.Instant;

/**
 * The keys of WebhookDeliveriesTable, built here only. Every partition is one subscription's, and one kind of item:
 * <ul>
 *   <li>{@code <tenant>#<subscription>#<status>}: the log entries of that status, sort key
 *       {@code <attemptedAt ms, 13 digits>#<deliveryId>#<attempt, 4 digits>}, so a status filter reads only entries
 *       of its status, newest first, and the whole log is the three partitions merged;</li>
 *   <li>{@code <tenant>#<subscription>#retry}: a delivery being retried (attempts so far, first attempt), sort key
 *       the delivery id;</li>
 *   <li>{@code <tenant>#<subscription>#held}: the deliveries held while the subscription is disabled, sort key
 *       {@code <heldAt ms>#<deliveryId>}, oldest first.</li>
 * </ul>
 */
final class DeliveryKeys {
    static final String PK = "pk";
    static final String SK = "sk";

    private DeliveryKeys() {
    }

    static String log(String tenantId, String subscriptionId, DeliveryStatus status) {
        return tenantId + "#" + subscriptionId + "#" + status.wire();
    }

    static String logSort(Instant attemptedAt, String deliveryId, int attempt) {
        return String.format("%013d#%s#%04d", attemptedAt.toEpochMilli(), deliveryId, Math.min(attempt, 9999));
    }

    static String retry(String tenantId, String subscriptionId) {
        return tenantId + "#" + subscriptionId + "#retry";
    }

    static String held(String tenantId, String subscriptionId) {
        return tenantId + "#" + subscriptionId + "#held";
    }

    static String heldSort(Instant heldAt, String deliveryId) {
        return String.format("%013d#%s", heldAt.toEpochMilli(), deliveryId);
    }
}
