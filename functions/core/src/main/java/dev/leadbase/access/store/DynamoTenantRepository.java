package dev.leadbase.access.store;

import dev.leadbase.shared.dynamo.CreditLedger;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.num;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.errors.Conflict;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.domain.TenantRepository;
import dev.leadbase.access.domain.TenantShards;
import dev.leadbase.leads.domain.LeadShards;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Tenants table: one item per tenant holding its credit ledger and limits. */
public record DynamoTenantRepository(DynamoDbClient dynamo, String table) implements TenantRepository {
    public static final String PK = CreditLedger.PK;
    public static final String REMAINING = CreditLedger.REMAINING;
    public static final String RESERVED = CreditLedger.RESERVED;
    public static final String USED = CreditLedger.USED;
    public static final String GRANTED = CreditLedger.GRANTED;
    /** The tenant's lead shards (K); a tenant item without it has {@link LeadShards#DEFAULT}. */
    public static final String LEAD_SHARDS = "leadShards";
    /** When K was last raised (epoch seconds); absent: K is active, as set at the tenant's creation. */
    public static final String LEAD_SHARDS_RAISED_AT = "leadShardsRaisedAt";
    /** The K before the last raise: new leads use it until the raise is {@link TenantShards#ACTIVATION} old. */
    public static final String LEAD_SHARDS_BEFORE = "leadShardsBefore";

    public static Map<String, AttributeValue> key(String tenantId) {
        return CreditLedger.key(tenantId);
    }

    @Override
    public void create(Tenant tenant) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(tenant.tenantId()));
        item.put("name", s(tenant.name()));
        item.put("createdAt", instant(tenant.createdAt()));
        item.put(REMAINING, n(tenant.credits().remaining()));
        item.put(RESERVED, n(tenant.credits().reserved()));
        item.put(USED, n(tenant.credits().used()));
        item.put(GRANTED, n(tenant.credits().granted()));
        item.put("enrichPerHourLimit", n(tenant.enrichPerHourLimit()));
        item.put(LEAD_SHARDS, n(tenant.leadShards()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new Conflict("Tenant already exists");
        }
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Tenant(tenantId, Items.str(item, "name"), Items.time(item, "createdAt"), balance(item),
                num(item, "enrichPerHourLimit"), leadShards(item)));
    }

    @Override
    public OptionalInt leadShardsSoon(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId))
                .projectionExpression("#pk, #k").expressionAttributeNames(Map.of("#pk", PK, "#k", LEAD_SHARDS))).item();
        return item == null || item.isEmpty() ? OptionalInt.empty() : OptionalInt.of(leadShards(item));
    }

    @Override
    public Optional<TenantShards> leadShards(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId)).consistentRead(true)
                .projectionExpression("#pk, #k, #at, #before").expressionAttributeNames(Map.of("#pk", PK,
                        "#k", LEAD_SHARDS, "#at", LEAD_SHARDS_RAISED_AT, "#before", LEAD_SHARDS_BEFORE))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        int k = leadShards(item);
        return Optional.of(item.containsKey(LEAD_SHARDS_RAISED_AT)
                ? new TenantShards(k, (int) num(item, LEAD_SHARDS_BEFORE), Instant.ofEpochSecond(num(item, LEAD_SHARDS_RAISED_AT)))
                : TenantShards.active(k));
    }

    @Override
    public boolean raiseLeadShards(String tenantId, int k, Instant now) {
        long at = now.getEpochSecond();
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(tenantId))
                    .updateExpression("SET #before = if_not_exists(#k, :default), #k = :k, #at = :now")
                    .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#k) OR #k < :k)"
                            + " AND (attribute_not_exists(#at) OR #at <= :settled)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#k", LEAD_SHARDS, "#at", LEAD_SHARDS_RAISED_AT,
                            "#before", LEAD_SHARDS_BEFORE))
                    .expressionAttributeValues(Map.of(":k", n(k), ":default", n(LeadShards.DEFAULT), ":now", n(at),
                            ":settled", n(at - TenantShards.ACTIVATION.toSeconds()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<CreditBalance> grant(String tenantId, long amount) {
        try {
            // the tenant item is in every enrichment transaction: a grant meanwhile meets a conflict
            Map<String, AttributeValue> after = Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(table)
                    .key(key(tenantId))
                    .updateExpression("ADD #rem :a, #granted :a")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#rem", REMAINING, "#granted", GRANTED, "#pk", PK))
                    .expressionAttributeValues(Map.of(":a", n(amount)))
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            return Optional.of(balance(after));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** The tenant item's lead shards: a tenant created before they were configurable has the default. */
    static int leadShards(Map<String, AttributeValue> item) {
        return item.containsKey(LEAD_SHARDS) ? (int) num(item, LEAD_SHARDS) : LeadShards.DEFAULT;
    }

    static CreditBalance balance(Map<String, AttributeValue> item) {
        return new CreditBalance(num(item, REMAINING), num(item, RESERVED), num(item, USED), num(item, GRANTED));
    }
}
