package dev.leadbase.changes.store;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.shared.dynamo.Items;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * ScoreChanges table (PK {@code leadKey} = tenant#lead, SK {@code rulesetId}): one small item (about 0.2 KB, 1 write
 * unit) per lead and rule set holding the score change last told; expired a day after it was told, when nothing is
 * held back by it any more (an expired record only means the next change is told at once).
 */
public record DynamoScoreChangeStates(DynamoDbClient dynamo, String table) implements ScoreChangeStates {
    static final String PK = "leadKey";
    static final String SK = "rulesetId";
    private static final Duration KEPT = Duration.ofDays(1);

    private static String leadKey(String tenantId, String leadId) {
        return tenantId + "#" + leadId;
    }

    @Override
    public Map<String, Told> of(String tenantId, String leadId) {
        Map<String, Told> told = new LinkedHashMap<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("#pk = :pk").consistentRead(true)
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .expressionAttributeValues(Map.of(":pk", s(leadKey(tenantId, leadId)))))
                .items().forEach(item -> told.put(Items.str(item, SK), told(tenantId, leadId, item)));
        return told;
    }

    @Override
    public Optional<Told> of(String tenantId, String leadId, String rulesetId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(leadKey(tenantId, leadId)), SK, s(rulesetId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(told(tenantId, leadId, item));
    }

    @Override
    public boolean record(Told told, Told expected) {
        ScoreMove m = told.move();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(leadKey(m.tenantId(), m.leadId())));
        item.put(SK, s(m.rulesetId()));
        item.put("eventId", s(told.eventId()));
        item.put("at", Items.n(told.at().toEpochMilli()));
        put(item, "ownerId", m.ownerId());
        put(item, "rulesetName", m.rulesetName());
        if (m.previousScore() != null) {
            item.put("previousScore", Items.n(m.previousScore()));
        }
        if (m.score() != null) {
            item.put("score", Items.n(m.score()));
        }
        put(item, "previousLevel", m.previousLevel());
        put(item, "level", m.level());
        item.put("expiresAt", Items.n(told.at().plus(KEPT).getEpochSecond()));
        try {
            dynamo.putItem(p -> {
                p.tableName(table).item(item);
                if (expected == null) {
                    p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
                } else {
                    p.conditionExpression("#e = :e").expressionAttributeNames(Map.of("#e", "eventId"))
                            .expressionAttributeValues(Map.of(":e", s(expected.eventId())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Told told(String tenantId, String leadId, Map<String, AttributeValue> item) {
        ScoreMove move = new ScoreMove(tenantId, leadId, Items.str(item, "ownerId"), Items.str(item, SK),
                Items.str(item, "rulesetName"), number(item, "previousScore"), number(item, "score"),
                Items.str(item, "previousLevel"), Items.str(item, "level"));
        return new Told(Items.str(item, "eventId"), Instant.ofEpochMilli(Items.num(item, "at")), move);
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.valueOf(v.n());
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
