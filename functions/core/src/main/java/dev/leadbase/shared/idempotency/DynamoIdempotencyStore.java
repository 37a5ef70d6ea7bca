package dev.leadbase.shared.idempotency;

import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.idempotency.IdempotencyRecord;
import dev.leadbase.shared.idempotency.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Idempotency table: one item per (tenant, route, key), expiring through TTL on {@code expiresAt}. */
public final class DynamoIdempotencyStore implements IdempotencyStore {
    public static final String PK = "idempotencyKey";
    public static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean claim(String key, String requestHash, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(key));
        item.put("requestHash", s(requestHash));
        item.put("state", s("IN_PROGRESS"));
        item.put("createdAt", s(now.toString()));
        item.put(EXPIRES_AT, Items.n(expiresAt.getEpochSecond()));
        try {
            // TTL deletion lags: an expired record no longer counts.
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #exp < :now")
                    .expressionAttributeNames(Map.of("#pk", PK, "#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(PK, s(key))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        AttributeValue h = item.get("headers");
        if (h != null && h.hasM()) {
            h.m().forEach((k, v) -> headers.put(k, v.s()));
        }
        return Optional.of(new IdempotencyRecord(key, Items.str(item, "requestHash"), "COMPLETED".equals(Items.str(item, "state")),
                (int) Items.num(item, "status"), Items.str(item, "data"), headers, Items.num(item, EXPIRES_AT)));
    }

    @Override
    public void complete(String key, int status, String data, Map<String, String> headers) {
        Map<String, AttributeValue> h = new HashMap<>();
        headers.forEach((k, v) -> h.put(k, s(v)));
        dynamo.updateItem(r -> r.tableName(table).key(Map.of(PK, s(key)))
                .updateExpression("SET #state = :done, #status = :status, #data = :data, #headers = :headers")
                .expressionAttributeNames(Map.of("#state", "state", "#status", "status", "#data", "data", "#headers", "headers"))
                .expressionAttributeValues(Map.of(":done", s("COMPLETED"), ":status", Items.n(status), ":data", s(data),
                        ":headers", AttributeValue.fromM(h))));
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(PK, s(key))));
    }
}
