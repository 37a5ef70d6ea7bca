package dev.leadbase.webhooks.store;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.webhooks.store.DeliveryKeys.PK;
import static dev.leadbase.webhooks.store.DeliveryKeys.SK;

import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.dynamo.Items;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * WebhookDeliveriesTable (keys in {@link DeliveryKeys}): one item per attempt, kept 30 days (TTL); a delivery's
 * progress while it is retried; the deliveries held while a subscription is disabled.
 */
public final class DynamoDeliveryLog implements DeliveryLog {
    static final Duration KEEP = Duration.ofDays(30);
    /** Longer than the delivery queue keeps a message (4 days). */
    static final Duration KEEP_PROGRESS = Duration.ofDays(5);
    private static final DeliveryStatus[] ALL = DeliveryStatus.values();
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeliveryLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(DeliveryAttempt a) {
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
        dynamo.putItem(r -> r.tableName(table).item(item));
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
