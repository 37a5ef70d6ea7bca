package dev.leadbase.core.dynamo;

import static dev.leadbase.core.dynamo.Items.instant;
import static dev.leadbase.core.dynamo.Items.s;
import static dev.leadbase.core.dynamo.Items.str;

import dev.leadbase.core.auth.ApiKey;
import dev.leadbase.core.auth.ApiKeyRepository;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.auth.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** ApiKeys table: items keyed by the SHA-256 of the key, indexed by tenant and by key id. */
public final class DynamoApiKeyRepository implements ApiKeyRepository {
    public static final String PK = "keyHash";
    public static final String BY_TENANT = "ByTenant";
    public static final String BY_KEY_ID = "ByKeyId";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(key.keyHash()));
        item.put("keyId", s(key.keyId()));
        item.put("tenantId", s(key.tenantId()));
        item.put("userId", s(key.userId()));
        item.put("permissions", Items.ss(key.permissions().stream().map(Permission::wire).toList()));
        item.put("visibility", s(key.visibility().wire()));
        item.put("prefix", s(key.prefix()));
        item.put("createdAt", instant(key.createdAt()));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)));
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(PK, s(keyHash)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toKey(item));
    }

    @Override
    public Optional<ApiKey> findById(String keyId) {
        QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(BY_KEY_ID)
                .keyConditionExpression("keyId = :k").expressionAttributeValues(Map.of(":k", s(keyId))));
        return page.items().stream().findFirst().map(DynamoApiKeyRepository::toKey);
    }

    @Override
    public KeyPage listByTenant(String tenantId, String afterKeyId, int limit) {
        // resumes by key condition, not ExclusiveStartKey: a start key would carry the key's hash into the cursor
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s(tenantId)));
        String condition = "tenantId = :t";
        if (afterKeyId != null) {
            values.put(":after", s(afterKeyId));
            condition += " AND keyId > :after";
        }
        String keyCondition = condition;
        QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(BY_TENANT).limit(limit)
                .keyConditionExpression(keyCondition).expressionAttributeValues(values));
        List<ApiKey> keys = new ArrayList<>();
        page.items().forEach(item -> keys.add(toKey(item)));
        String last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? str(page.lastEvaluatedKey(), "keyId") : null;
        return new KeyPage(keys, last);
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        Optional<ApiKey> key = findById(keyId);
        if (key.isEmpty()) {
            return false;
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Map.of(PK, s(key.get().keyHash())))
                    .updateExpression("SET revokedAt = if_not_exists(revokedAt, :at)")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":at", instant(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static ApiKey toKey(Map<String, AttributeValue> item) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        Items.strings(item, "permissions").forEach(p -> Permission.fromWire(p).ifPresent(permissions::add));
        return new ApiKey(str(item, PK), str(item, "keyId"), str(item, "tenantId"), str(item, "userId"), permissions,
                Visibility.fromWire(str(item, "visibility")).orElse(Visibility.TENANT), str(item, "prefix"),
                Items.time(item, "createdAt"), Items.time(item, "revokedAt"));
    }
}
