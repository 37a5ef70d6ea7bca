package dev.leadbase.scoring.store;

import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.errors.Conflict;
import dev.leadbase.shared.json.Json;
import dev.leadbase.scoring.domain.Decay;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.edge.RulesetJson;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * RulesetsTable: rule sets under (tenantId, rulesetId) and, per type, a primary pointer item
 * (tenantId, {@code PRIMARY#<type>}) written in the same transaction, so two primaries of one type
 * can never coexist.
 */
public record DynamoRulesetRepository(DynamoDbClient dynamo, String table) implements RulesetRepository {
    public static final String PK = "tenantId";
    public static final String SK = "rulesetId";
    private static final String ID_PREFIX = "rs_";
    private static final String PRIMARY_PREFIX = "PRIMARY#";

    @Override
    public void create(Ruleset r) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(r))
                .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))).build());
        if (r.primary()) {
            writes.add(claimPrimary(r));
        }
        write(writes, r);
    }

    @Override
    public void replace(Ruleset before, Ruleset after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(after))
                .conditionExpression("updatedAt = :seen")
                .expressionAttributeValues(Map.of(":seen", s(before.updatedAt().toString())))).build());
        if (after.primary()) {
            writes.add(claimPrimary(after));
        } else if (before.primary()) {
            writes.add(releasePrimary(before));
        }
        write(writes, after);
    }

    @Override
    public boolean delete(Ruleset r) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(r.tenantId(), r.id()))
                .conditionExpression("attribute_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))).build());
        if (r.primary()) {
            writes.add(releasePrimary(r));
        }
        try {
            Transactions.write(dynamo, writes);
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public Optional<Ruleset> find(String tenantId, String id) {
        if (!id.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(g -> g.tableName(table).key(key(tenantId, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRuleset(item));
    }

    @Override
    public List<Ruleset> list(String tenantId) {
        List<Ruleset> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :t AND begins_with(#sk, :p)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":t", s(tenantId), ":p", s(ID_PREFIX))))
                .items().forEach(i -> out.add(toRuleset(i)));
        out.sort(java.util.Comparator.comparing(Ruleset::createdAt).thenComparing(Ruleset::id));
        return out;
    }

    @Override
    public Optional<String> primaryId(String tenantId, RulesetType type) {
        var item = dynamo.getItem(g -> g.tableName(table).key(key(tenantId, PRIMARY_PREFIX + type.wire()))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Items.str(item, "primaryId"));
    }

    private void write(List<TransactWriteItem> writes, Ruleset r) {
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 1)) {
                String existing = primaryId(r.tenantId(), r.type()).orElse(null);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("existingId", existing);
                throw new Conflict("Another " + r.type().wire() + " rule set is primary; make it non-primary first",
                        details);
            }
            throw new Conflict("The rule set changed meanwhile; read it again and retry");
        }
    }

    private TransactWriteItem claimPrimary(Ruleset r) {
        Map<String, AttributeValue> pointer = new HashMap<>(key(r.tenantId(), PRIMARY_PREFIX + r.type().wire()));
        pointer.put("primaryId", s(r.id()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(pointer)
                .conditionExpression("attribute_not_exists(#sk) OR primaryId = :id")
                .expressionAttributeNames(Map.of("#sk", SK))
                .expressionAttributeValues(Map.of(":id", s(r.id())))).build();
    }

    private TransactWriteItem releasePrimary(Ruleset r) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(key(r.tenantId(), PRIMARY_PREFIX + r.type().wire()))
                .conditionExpression("attribute_not_exists(#sk) OR primaryId = :id")
                .expressionAttributeNames(Map.of("#sk", SK))
                .expressionAttributeValues(Map.of(":id", s(r.id())))).build();
    }

    private static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of(PK, s(tenantId), SK, s(sk));
    }

    private static Map<String, AttributeValue> item(Ruleset r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.tenantId(), r.id()));
        item.put("name", s(r.name()));
        item.put("type", s(r.type().wire()));
        item.put("primary", Items.bool(r.primary()));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("rules", RulesetJson.rules(r));
        definition.put("thresholds", RulesetJson.thresholds(r.thresholds()));
        definition.put("decay", RulesetJson.decay(r.decay()));
        item.put("definition", s(Json.write(definition)));
        item.put("createdAt", Items.instant(r.createdAt()));
        item.put("updatedAt", Items.instant(r.updatedAt()));
        return item;
    }

    private static Ruleset toRuleset(Map<String, AttributeValue> item) {
        RulesetType type = RulesetType.fromWire(Items.str(item, "type")).orElseThrow();
        JsonNode definition = Items.json(item, "definition", "rule set " + Items.str(item, SK));
        Map<String, Object> problems = new LinkedHashMap<>();
        JsonNode rules = definition.path("rules");
        Decay decay = definition.path("decay").isObject() ? RulesetJson.decay(definition.get("decay"), problems) : null;
        return new Ruleset(Items.str(item, PK), Items.str(item, SK), Items.str(item, "name"), type,
                Boolean.TRUE.equals(item.get("primary").bool()),
                type == RulesetType.ENGAGEMENT ? RulesetJson.engagementRules(rules, problems) : List.of(),
                type == RulesetType.PROFILE ? RulesetJson.profileRules(rules, problems) : List.of(),
                RulesetJson.thresholds(definition.path("thresholds"), problems), decay,
                Items.time(item, "createdAt"), Items.time(item, "updatedAt"));
    }
}
