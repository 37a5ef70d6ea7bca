package dev.leadbase.webhooks.store;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.webhooks.store.DeliveryKeys.PK;
import static dev.leadbase.webhooks.store.DeliveryKeys.SK;

import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.dynamo.BatchWrite;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.DeliveryLog;
import dev.leadbase.webhooks.domain.DeliveryStatus;
import dev.leadbase.webhooks.edge.DeliveryMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * WebhookDeliveriesTable (keys in {@link DeliveryKeys}): one item per attempt, kept 30 days (TTL); a delivery's
 * progress while it is retried; the deliveries held while a subscription is disabled.
 */
public final class DynamoDeliveryLog implements DeliveryLog {
    static final Duration KEEP = Duration.ofDays(30);
    /** Longer than the delivery queue keeps a message (4 days). */
    static final Duration KEEP_PROGRESS = Duration.ofDays(5);
    private static final DeliveryStatus[] ALL = DeliveryStatus.values();
    /** How often entries DynamoDB left unprocessed are sent. */
    static final int ATTEMPTS = 5;
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeliveryLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * BatchWriteItem, 25 entries at a time; what DynamoDB leaves unprocessed is sent again after a pause, up to
     * {@link #ATTEMPTS} times. A batch the call failed on counts as not written, all of it (part of it may have been:
     * an attempt logged again keeps one entry, its key being the attempt's).
     */
    @Override
    public List<DeliveryAttempt> record(List<DeliveryAttempt> attempts) {
        Map<String, DeliveryAttempt> byKey = new LinkedHashMap<>();
        Map<String, WriteRequest> writes = new LinkedHashMap<>();
        for (DeliveryAttempt a : attempts) {
            Map<String, AttributeValue> item = item(a);
            // one request may not hold a key twice; the later entry wins, as a second put would
            String key = item.get(PK).s() + "\n" + item.get(SK).s();
            byKey.put(key, a);
            writes.put(key, WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        List<WriteRequest> all = new ArrayList<>(writes.values());
        List<DeliveryAttempt> unwritten = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BatchWrite.REQUESTS_PER_CALL) {
            List<WriteRequest> pending = all.subList(i, Math.min(all.size(), i + BatchWrite.REQUESTS_PER_CALL));
            try {
                pending = BatchWrite.call(dynamo, table, pending, ATTEMPTS);
            } catch (SdkException e) {
                // none of the batch counts as written
                JsonLog.error("delivery log write failed", Map.of("table", table, "entries", pending.size()), e);
            }
            for (WriteRequest w : pending) {
                Map<String, AttributeValue> item = w.putRequest().item();
                unwritten.add(byKey.get(item.get(PK).s() + "\n" + item.get(SK).s()));
            }
        }
        return unwritten;
    }

    private static Map<String, AttributeValue> item(DeliveryAttempt a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(DeliveryKeys.log(a.tenantId(), a.subscriptionId(), a.status())));
        item.put(SK, s(DeliveryKeys.logSort(a.attemptedAt(), a.deliveryId(), a.attempt())));
        item.put("deliveryId", s(a.deliveryId()));
        item.put("eventId", s(a.eventId()));
        item.put("type", s(a.type().wire()));
        item.put("attempt", n(a.attempt()));
        item.put("latencyMs", n(a.latencyMs()));
        if (a.responseCode() != null) {
            item.put("responseCode", n(a.responseCode()));
        }
        if (a.responseBody() != null && !a.responseBody().isEmpty()) {
            item.put("responseBody", s(a.responseBody()));
        }
        if (a.error() != null) {
            item.put("error", s(a.error()));
        }
        item.put("attemptedAt", s(a.attemptedAt().toString()));
        item.put("expiresAt", n(a.attemptedAt().plus(KEEP).getEpochSecond()));
        return item;
    }

    @Override
    public AttemptPage page(String tenantId, String subscriptionId, DeliveryStatus status, String after, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        // one partition per status: a filter reads only its own; the whole log merges the three, newest first
        for (DeliveryStatus st : status == null ? ALL : new DeliveryStatus[] {status}) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", s(DeliveryKeys.log(tenantId, subscriptionId, st)));
            String condition = PK + " = :pk";
            if (after != null) {
                values.put(":after", s(after));
                condition += " AND " + SK + " < :after";
            }
            String c = condition;
            items.addAll(dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression(c)
                    .expressionAttributeValues(values).scanIndexForward(false).limit(limit + 1).build()).items());
        }
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get(SK).s()).reversed());
        boolean more = items.size() > limit;
        List<Map<String, AttributeValue>> page = more ? items.subList(0, limit) : items;
        List<DeliveryAttempt> attempts = page.stream().map(i -> attempt(tenantId, subscriptionId, i)).toList();
        return new AttemptPage(attempts, more ? page.getLast().get(SK).s() : null);
    }

    private static DeliveryAttempt attempt(String tenantId, String subscriptionId, Map<String, AttributeValue> i) {
        String pk = i.get(PK).s();
        DeliveryStatus status = DeliveryStatus.fromWire(pk.substring(pk.lastIndexOf('#') + 1))
                .orElseThrow(() -> new IllegalStateException("Corrupt delivery log item " + pk));
        ChangeType type = ChangeType.fromWire(Items.str(i, "type"))
                .orElseThrow(() -> new IllegalStateException("Corrupt delivery log item " + pk));
        Integer code = i.containsKey("responseCode") ? (int) Items.num(i, "responseCode") : null;
        return new DeliveryAttempt(tenantId, subscriptionId, Items.str(i, "deliveryId"), Items.str(i, "eventId"), type,
                (int) Items.num(i, "attempt"), status, Items.num(i, "latencyMs"), code, Items.str(i, "responseBody"),
                Items.str(i, "error"), Instant.parse(Items.str(i, "attemptedAt")));
    }

    @Override
    public Optional<Progress> progress(String tenantId, String subscriptionId, String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(DeliveryKeys.retry(tenantId, subscriptionId)), SK, s(deliveryId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Progress((int) Items.num(item, "attempts"),
                Instant.ofEpochMilli(Items.num(item, "firstAttemptAt"))));
    }

    @Override
    public void noteFailure(String tenantId, String subscriptionId, String deliveryId, Progress progress) {
        Instant expires = progress.firstAttemptAt().plus(KEEP_PROGRESS);
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                PK, s(DeliveryKeys.retry(tenantId, subscriptionId)), SK, s(deliveryId),
                "attempts", n(progress.attempts()),
                "firstAttemptAt", n(progress.firstAttemptAt().toEpochMilli()),
                "expiresAt", n(expires.getEpochSecond()))));
    }

    @Override
    public void hold(Delivery delivery, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                PK, s(DeliveryKeys.held(delivery.tenantId(), delivery.subscriptionId())),
                SK, s(DeliveryKeys.heldSort(at, delivery.deliveryId())),
                "message", s(DeliveryMessages.body(delivery)),
                "expiresAt", n(at.plus(KEEP).getEpochSecond()))));
    }

    @Override
    public List<Held> held(String tenantId, String subscriptionId, int max) {
        return dynamo.query(r -> r.tableName(table).consistentRead(true).keyConditionExpression(PK + " = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(DeliveryKeys.held(tenantId, subscriptionId))))
                        .limit(max)).items().stream()
                .map(i -> new Held(DeliveryMessages.delivery(Items.str(i, "message")), i.get(SK).s()))
                .toList();
    }

    @Override
    public void release(Held held) {
        Delivery d = held.delivery();
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(
                PK, s(DeliveryKeys.held(d.tenantId(), d.subscriptionId())), SK, s(held.position()))));
    }
}
