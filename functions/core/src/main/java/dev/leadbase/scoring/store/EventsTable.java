package dev.leadbase.scoring.store;

import static dev.leadbase.scoring.store.DynamoScoreStore.BY_OCCURRED_AT;
import static dev.leadbase.scoring.store.DynamoScoreStore.EVENT_ID;
import static dev.leadbase.scoring.store.DynamoScoreStore.LEAD_KEY;
import static dev.leadbase.scoring.store.DynamoScoreStore.OCCURRED_MS;
import static dev.leadbase.scoring.store.DynamoScoreStore.leadKey;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.scoring.domain.ScoreStore.EventAfter;
import dev.leadbase.scoring.domain.ScoreStore.EventsPage;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** EventsTable: each event of a lead once, under (leadKey, eventId), indexed by occurrence time ({@code ByOccurredAt}). */
record EventsTable(DynamoDbClient dynamo, String table) {
    static Map<String, AttributeValue> key(String tenantId, String leadId, String eventId) {
        return Map.of(LEAD_KEY, s(leadKey(tenantId, leadId)), EVENT_ID, s(eventId));
    }

    /** Stores the event unless an event of its id is stored already, which stays as it is. */
    void putOnce(ScoringEvent event) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(item(event))
                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", EVENT_ID)));
        } catch (ConditionalCheckFailedException e) {
            // stored already (a message delivered again, or handled by two workers at once)
        }
    }

    /** Every stored event of a lead. */
    List<ScoringEvent> all(String tenantId, String leadId) {
        List<ScoringEvent> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :k").expressionAttributeNames(Map.of("#pk", LEAD_KEY))
                        .expressionAttributeValues(Map.of(":k", s(leadKey(tenantId, leadId)))))
                .items().forEach(i -> out.add(toEvent(i)));
        return out;
    }

    /** A lead's events, newest first, after {@code after} (null: from the newest). */
    EventsPage page(String tenantId, String leadId, EventAfter after, int limit) {
        String leadKey = leadKey(tenantId, leadId);
        Map<String, AttributeValue> start = after == null ? null : Map.of(LEAD_KEY, s(leadKey),
                EVENT_ID, s(after.eventId()), OCCURRED_MS, n(after.occurredMs()));
        // consistent (a local index can be): the events that moved a lead's score are listed with it
        Pages pages = Pages.resuming(dynamo, q -> q.tableName(table).indexName(BY_OCCURRED_AT)
                .consistentRead(true).scanIndexForward(false).limit(limit).keyConditionExpression("#pk = :k")
                .expressionAttributeNames(Map.of("#pk", LEAD_KEY))
                .expressionAttributeValues(Map.of(":k", s(leadKey))), start);
        QueryResponse page = pages.next();
        Map<String, AttributeValue> last = pages.lastKey();
        return new EventsPage(page.items().stream().map(EventsTable::toEvent).toList(),
                last != null ? new EventAfter(Items.str(last, EVENT_ID), Items.num(last, OCCURRED_MS)) : null);
    }

    private static Map<String, AttributeValue> item(ScoringEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LEAD_KEY, s(leadKey(e.tenantId(), e.leadId())));
        item.put(EVENT_ID, s(e.eventId()));
        item.put("tenantId", s(e.tenantId()));
        item.put("leadId", s(e.leadId()));
        item.put("type", s(e.type()));
        item.put("occurredAt", s(e.occurredAt().toString()));
        item.put(OCCURRED_MS, n(e.occurredAt().toEpochMilli()));
        item.put("receivedAt", Items.instant(e.receivedAt()));
        item.put("properties", s(Json.write(e.properties())));
        return item;
    }

    @SuppressWarnings("unchecked")
    private static ScoringEvent toEvent(Map<String, AttributeValue> i) {
        Map<String, Object> properties = Json.read(Items.str(i, "properties"), Map.class);
        return new ScoringEvent(Items.str(i, "tenantId"), Items.str(i, "leadId"), Items.str(i, EVENT_ID),
                Items.str(i, "type"), Items.time(i, "occurredAt"), properties, Items.time(i, "receivedAt"));
    }
}
