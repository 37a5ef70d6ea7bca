package dev.leadbase.webhooks.store;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;
import dev.leadbase.shared.errors.Conflict;
import dev.leadbase.webhooks.domain.ManagedSubscription;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionChange;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import dev.leadbase.webhooks.domain.SubscriptionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * WebhooksTable: one item per subscription under (tenantId, subscriptionId) and, per tenant, a counter item
 * (tenantId, {@value #COUNTER}) that a create and a delete move in the same transaction as the subscription, so a
 * tenant never holds more than its limit. An item keeps the salt of the current secret and, after a rotation, the salt
 * of the previous one with the end of its validity; never a secret ({@link WebhookSecrets}). The only writer of these
 * items: management through {@link SubscriptionRepository}, delivery through {@link SubscriptionDirectory}.
 */
public final class DynamoSubscriptions implements SubscriptionRepository, SubscriptionDirectory {
    public static final String PK = "tenantId";
    public static final String SK = "subscriptionId";
    static final String COUNTER = "COUNT";
    private static final String ID_PREFIX = "wh_";
    private static final String URL = "url";
    private static final String EVENTS = "events";
    private static final String DESCRIPTION = "description";
    private static final String ENABLED = "enabled";
    private static final String DISABLED_REASON = "disabledReason";
    private static final String CREATED_AT = "createdAt";
    private static final String UPDATED_AT = "updatedAt";
    private static final String SALT = "secretSalt";
    private static final String ROTATED_AT = "secretRotatedAt";
    private static final String PREVIOUS_SALT = "previousSecretSalt";
    private static final String PREVIOUS_EXPIRES_AT = "previousSecretExpiresAt";
    private static final String COUNT = "subscriptions";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Supplier<String> serverKey;
    private WebhookSecrets secrets;

    /**
     * {@code serverKey}: the key secrets are derived with (LEADBASE_WEBHOOK_SECRET), asked for when a secret is first
     * made or derived, so that functions that never touch a secret (list, read, change, delete) need no access to it.
     */
    public DynamoSubscriptions(DynamoDbClient dynamo, String table, Supplier<String> serverKey) {
        this.dynamo = dynamo;
        this.table = table;
        this.serverKey = serverKey;
    }

    private synchronized WebhookSecrets secrets() {
        if (secrets == null) {
            secrets = new WebhookSecrets(serverKey.get());
        }
        return secrets;
    }

    // ---- management -----------------------------------------------------------------------------------------

    @Override
    public WithSecret create(Subscription s, int maxPerTenant) {
        String salt = WebhookSecrets.newSalt();
        Map<String, AttributeValue> item = item(s, salt);
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(s.tenantId(), COUNTER))
                        .updateExpression("ADD #n :one")
                        .conditionExpression("attribute_not_exists(#n) OR #n < :max")
                        .expressionAttributeNames(Map.of("#n", COUNT))
                        .expressionAttributeValues(Map.of(":one", Items.n(1), ":max", Items.n(maxPerTenant)))).build());
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 1)) {
                throw new Conflict("A tenant may hold at most " + maxPerTenant
                        + " webhook subscriptions; delete one before creating another", Map.of("limit", maxPerTenant));
            }
            throw e;
        }
        return new WithSecret(toManaged(item), secrets().secret(s.tenantId(), s.id(), salt));
    }

    @Override
    public Optional<ManagedSubscription> findManaged(String tenantId, String subscriptionId) {
        return item(tenantId, subscriptionId).map(DynamoSubscriptions::toManaged);
    }

    @Override
    public List<ManagedSubscription> list(String tenantId) {
        List<ManagedSubscription> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :t AND begins_with(#sk, :p)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":t", s(tenantId), ":p", s(ID_PREFIX))))
                .items().forEach(i -> out.add(toManaged(i)));
        return out;
    }

    @Override
    public Optional<Changed> update(String tenantId, String subscriptionId, SubscriptionChange change, Instant at) {
        if (!subscriptionId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        List<String> set = new ArrayList<>(List.of("#updatedAt = :at"));
        List<String> remove = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#updatedAt", UPDATED_AT, "#sk", SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":at", Items.instant(at)));
        if (change.url() != null) {
            set.add("#url = :url");
            names.put("#url", URL);
            values.put(":url", s(change.url()));
        }
        if (change.events() != null) {
            set.add("#events = :events");
            names.put("#events", EVENTS);
            values.put(":events", Items.ss(change.events().stream().map(ChangeType::wire).toList()));
        }
        if (change.description() != null) {
            set.add("#description = :description");
            names.put("#description", DESCRIPTION);
            values.put(":description", s(change.description()));
        } else if (change.clearDescription()) {
            remove.add("#description");
            names.put("#description", DESCRIPTION);
        }
        if (change.enabled() != null) {
            set.add("#enabled = :enabled");
            names.put("#enabled", ENABLED);
            values.put(":enabled", Items.bool(change.enabled()));
            if (change.enabled()) {
                remove.add("#reason"); // a subscription enabled again has no reason to be disabled
                names.put("#reason", DISABLED_REASON);
            }
        }
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        Map<String, AttributeValue> before;
        try {
            before = dynamo.updateItem(u -> u.tableName(table).key(key(tenantId, subscriptionId))
                    .updateExpression(expression).conditionExpression("attribute_exists(#sk)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        Map<String, AttributeValue> after = new HashMap<>(before);
        after.put(UPDATED_AT, Items.instant(at));
        if (change.url() != null) {
            after.put(URL, values.get(":url"));
        }
        if (change.events() != null) {
            after.put(EVENTS, values.get(":events"));
        }
        if (change.description() != null) {
            after.put(DESCRIPTION, values.get(":description"));
        } else if (change.clearDescription()) {
            after.remove(DESCRIPTION);
        }
        if (change.enabled() != null) {
            after.put(ENABLED, Items.bool(change.enabled()));
            if (change.enabled()) {
                after.remove(DISABLED_REASON);
            }
        }
        return Optional.of(new Changed(toManaged(after), enabled(before)));
    }

    @Override
    public boolean delete(String tenantId, String subscriptionId) {
        if (!subscriptionId.startsWith(ID_PREFIX)) {
            return false;
        }
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(tenantId, subscriptionId))
                        .conditionExpression("attribute_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(tenantId, COUNTER))
                        .updateExpression("ADD #n :minusOne")
                        .expressionAttributeNames(Map.of("#n", COUNT))
                        .expressionAttributeValues(Map.of(":minusOne", Items.n(-1)))).build());
        try {
            Transactions.write(dynamo, writes);
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<WithSecret> rotateSecret(String tenantId, String subscriptionId, Instant at) {
        if (!subscriptionId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        String salt = WebhookSecrets.newSalt();
        Map<String, AttributeValue> after;
        try {
            // the secret being replaced signs on for 24 h; one replaced before it stops now
            after = dynamo.updateItem(u -> u.tableName(table).key(key(tenantId, subscriptionId))
                    .updateExpression("SET #previous = #salt, #expires = :expires, #salt = :salt, #rotated = :at, "
                            + "#updatedAt = :at")
                    .conditionExpression("attribute_exists(#sk)")
                    .expressionAttributeNames(Map.of("#previous", PREVIOUS_SALT, "#expires", PREVIOUS_EXPIRES_AT,
                            "#salt", SALT, "#rotated", ROTATED_AT, "#updatedAt", UPDATED_AT, "#sk", SK))
                    .expressionAttributeValues(Map.of(":expires", Items.instant(at.plus(PREVIOUS_SECRET_VALIDITY)),
                            ":salt", s(salt), ":at", Items.instant(at)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        return Optional.of(new WithSecret(toManaged(after), secrets().secret(tenantId, subscriptionId, salt)));
    }

    @Override
    public Optional<String> currentSecret(String tenantId, String subscriptionId) {
        return item(tenantId, subscriptionId).map(i -> secrets().secret(tenantId, subscriptionId, Items.str(i, SALT)));
    }

    // ---- delivery -------------------------------------------------------------------------------------------

    @Override
    public List<Subscription> ofTenant(String tenantId) {
        return list(tenantId).stream().map(ManagedSubscription::subscription).toList();
    }

    @Override
    public Optional<Subscription> find(String tenantId, String subscriptionId) {
        return item(tenantId, subscriptionId).map(i -> toManaged(i).subscription());
    }

    @Override
    public List<String> signingSecrets(String tenantId, String subscriptionId, Instant at) {
        Optional<Map<String, AttributeValue>> found = item(tenantId, subscriptionId);
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, AttributeValue> item = found.get();
        List<String> out = new ArrayList<>();
        out.add(secrets().secret(tenantId, subscriptionId, Items.str(item, SALT)));
        String previous = Items.str(item, PREVIOUS_SALT);
        Instant expires = Items.time(item, PREVIOUS_EXPIRES_AT);
        if (previous != null && expires != null && at.isBefore(expires)) {
            out.add(secrets().secret(tenantId, subscriptionId, previous));
        }
        return out;
    }

    @Override
    public boolean disable(String tenantId, String subscriptionId, String reason, Instant at) {
        if (!subscriptionId.startsWith(ID_PREFIX)) {
            return false;
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(tenantId, subscriptionId))
                    .updateExpression("SET #enabled = :false, #reason = :reason, #updatedAt = :at")
                    .conditionExpression("#enabled = :true")
                    .expressionAttributeNames(Map.of("#enabled", ENABLED, "#reason", DISABLED_REASON,
                            "#updatedAt", UPDATED_AT))
                    .expressionAttributeValues(Map.of(":false", Items.bool(false), ":true", Items.bool(true),
                            ":reason", s(reason), ":at", Items.instant(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    // ---- items ----------------------------------------------------------------------------------------------

    private Optional<Map<String, AttributeValue>> item(String tenantId, String subscriptionId) {
        if (!subscriptionId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(g -> g.tableName(table).key(key(tenantId, subscriptionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of(PK, s(tenantId), SK, s(sk));
    }

    private static Map<String, AttributeValue> item(Subscription s, String salt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(s.tenantId(), s.id()));
        item.put(URL, s(s.url()));
        item.put(EVENTS, Items.ss(s.events().stream().map(ChangeType::wire).toList()));
        if (s.description() != null) {
            item.put(DESCRIPTION, s(s.description()));
        }
        item.put(ENABLED, Items.bool(s.enabled()));
        item.put(CREATED_AT, Items.instant(s.createdAt()));
        item.put(UPDATED_AT, Items.instant(s.updatedAt()));
        item.put(SALT, s(salt));
        item.put(ROTATED_AT, Items.instant(s.createdAt()));
        return item;
    }

    private static boolean enabled(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(ENABLED);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    private static ManagedSubscription toManaged(Map<String, AttributeValue> item) {
        Set<ChangeType> events = EnumSet.noneOf(ChangeType.class);
        for (String wire : Items.strings(item, EVENTS)) {
            ChangeType.fromWire(wire).ifPresent(events::add); // a type no longer known is dropped, not a failure
        }
        Subscription s = new Subscription(Items.str(item, PK), Items.str(item, SK), Items.str(item, URL), Set.copyOf(events),
                Items.str(item, DESCRIPTION), enabled(item), Items.str(item, DISABLED_REASON), Items.time(item, CREATED_AT),
                Items.time(item, UPDATED_AT));
        return new ManagedSubscription(s, Items.time(item, ROTATED_AT), Items.time(item, PREVIOUS_EXPIRES_AT));
    }
}
