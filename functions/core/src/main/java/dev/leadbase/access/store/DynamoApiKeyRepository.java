package dev.leadbase.access.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.shared.dynamo.Items.str;

import dev.leadbase.access.domain.ApiKey;
import dev.leadbase.access.domain.ApiKeyRepository;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.access.domain.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * ApiKeys table: items keyed by the SHA-256 of the key, indexed by tenant and by key id; beside them, per key an
 * item {@code KEYID#<keyId>} naming its hash and per tenant an item {@code TENANT#<tenantId>} listing its hashes,
 * read consistently where a caller expects to see a key it has just issued.
 */
public record DynamoApiKeyRepository(DynamoDbClient dynamo, String table) implements ApiKeyRepository {
    public static final String PK = "keyHash";
    public static final String BY_TENANT = "ByTenant";
    public static final String BY_KEY_ID = "ByKeyId";
    private static final String POINTS_TO = "pointsTo";
    private static final String KEYS = "keyHashes";

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
        // the key, its id pointer and its tenant's directory change together: the indexes lag behind the table,
        // these items do not, so a key can be listed and revoked the moment it is issued
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(Map.of(PK, s(idPointer(key.keyId())), POINTS_TO, s(key.keyHash())))
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of(PK, s(directory(key.tenantId()))))
                        .updateExpression("ADD #keys :k").expressionAttributeNames(Map.of("#keys", KEYS))
                        .expressionAttributeValues(Map.of(":k", Items.ss(List.of(key.keyHash()))))).build());
        Transactions.write(dynamo, writes);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        // consistent: a key must work the moment it is issued
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(PK, s(keyHash)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() || !item.containsKey("keyId") ? Optional.empty() : Optional.of(toKey(item));
    }

    @Override
    public Optional<ApiKey> findById(String keyId) {
        Map<String, AttributeValue> pointer = dynamo.getItem(r -> r.tableName(table).key(Map.of(PK, s(idPointer(keyId))))
                .consistentRead(true)).item();
        if (pointer != null && pointer.containsKey(POINTS_TO)) {
            return findByHash(str(pointer, POINTS_TO));
        }
        // a key without an id pointer item is found through the index
        QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(BY_KEY_ID)
                .keyConditionExpression("keyId = :k").expressionAttributeValues(Map.of(":k", s(keyId))));
        return page.items().stream().findFirst().map(DynamoApiKeyRepository::toKey);
    }

    @Override
    public KeyPage listByTenant(String tenantId, String afterKeyId, int limit) {
        Map<String, ApiKey> byId = new LinkedHashMap<>();
        // keys missing from the tenant directory are listed through the index; the directory's are current
        dynamo.queryPaginator(r -> r.tableName(table).indexName(BY_TENANT)
                        .keyConditionExpression("tenantId = :t").expressionAttributeValues(Map.of(":t", s(tenantId))))
                .items().forEach(item -> byId.put(str(item, "keyId"), toKey(item)));
        Map<String, AttributeValue> dir = dynamo.getItem(r -> r.tableName(table).key(Map.of(PK, s(directory(tenantId))))
                .consistentRead(true)).item();
        List<Map<String, AttributeValue>> keys = Items.strings(dir == null ? Map.of() : dir, KEYS).stream()
                .map(hash -> Map.of(PK, s(hash))).toList();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys, true)) {
            byId.put(str(item, "keyId"), toKey(item));
        }
        // a tenant holds few keys: a page is cut from all of them, in key id order, after the cursor's key id
        List<ApiKey> after = byId.values().stream()
                .filter(k -> afterKeyId == null || k.keyId().compareTo(afterKeyId) > 0)
                .sorted(Comparator.comparing(ApiKey::keyId)).toList();
        List<ApiKey> page = after.subList(0, Math.min(limit, after.size()));
        return new KeyPage(page, after.size() > limit ? page.getLast().keyId() : null);
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        Optional<ApiKey> key = findById(keyId);
        if (key.isEmpty()) {
            return false;
        }
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(table).key(Map.of(PK, s(key.get().keyHash())))
                    .updateExpression("SET revokedAt = if_not_exists(revokedAt, :at)")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":at", instant(at)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The item naming the key hash of a key id (its hash key cannot be a SHA-256 digest). */
    private static String idPointer(String keyId) {
        return "KEYID#" + keyId;
    }

    /** The item listing the key hashes of a tenant. */
    private static String directory(String tenantId) {
        return "TENANT#" + tenantId;
    }

    private static ApiKey toKey(Map<String, AttributeValue> item) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        Items.strings(item, "permissions").forEach(p -> Permission.fromWire(p).ifPresent(permissions::add));
        return new ApiKey(str(item, PK), str(item, "keyId"), str(item, "tenantId"), str(item, "userId"), permissions,
                Visibility.fromWire(str(item, "visibility")).orElse(Visibility.TENANT), str(item, "prefix"),
                Items.time(item, "createdAt"), Items.time(item, "revokedAt"));
    }
}
