package dev.leadbase.bench;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.dynamo.AttributeValues;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.scoring.store.DynamoScoreStore;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.shared.json.Json;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.edge.ScoringMessages;
import dev.leadbase.local.RunningRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The events worker's irreducible DynamoDB work for a batch of events under one engagement rule set, on scratch keys.
 * First one consistent {@code BatchGetItem} of what the writes depend on: the leads (their score version), their
 * standings (state and version: a new score is computed from the stored one) and the events' items (an event stored
 * already is a duplicate). No worker can skip that read, as Lambda runs many containers and SQS delivers twice; the
 * worker makes it as three ordered calls, which its no-transaction argument needs, where this loop makes one. Then per
 * event, each write alone and in the worker's order: the lead's rule-set standing put (conditional on its version)
 * holding the event's id pending, the lead item's score fields and index keys set (conditional on the lead's score
 * version), then the event stored once (conditional on its id being new), as {@code EventApplier} does. The rule sets'
 * read (once per tenant and batch) is left out. The scratch tenant id matches no tenant and no API key, so nothing
 * real is touched.
 */
final class BareEventWrite {
    private static final String RULESET_ID = "rs_bare";
    private static final String RULESET_NAME = "Bench engagement";

    private final DynamoDbClient dynamo;
    private final String leadsTable;
    private final String scoresTable;
    private final String eventsTable;
    private final String tenantId = "bare_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final int leads;

    /** Writes the scratch leads the events are about. */
    BareEventWrite(RunningRuntime runtime, int leads) {
        this(runtime, runtime.dynamo(), leads);
    }

    /** The same over another client of the runtime's DynamoDB (a metering one, to count the calls). */
    BareEventWrite(RunningRuntime runtime, DynamoDbClient dynamo, int leads) {
        this.dynamo = dynamo;
        this.leadsTable = runtime.tableName("LeadItemsTable");
        this.scoresTable = runtime.tableName("ScoresTable");
        this.eventsTable = runtime.tableName("EventsTable");
        this.leads = leads;
        for (int i = 0; i < leads; i++) {
            Map<String, AttributeValue> lead = LeadKeys.key(tenantId, leadId(i));
            dynamo.putItem(r -> r.tableName(leadsTable).item(lead));
        }
    }

    /** The queue message of event {@code n}, shaped by the real serializer. */
    String message(int n) {
        Instant now = Instant.now();
        return ScoringMessages.event(new ScoringEvent(tenantId, leadId(n % leads), "evt_bare" + n, "page_view", now,
                Map.of(), now));
    }

    /** Reads what a batch of events needs in one call, then writes each new event's standing, score and item. */
    void applyBatch(List<String> messages) {
        List<ScoringEvent> events = messages.stream().map(ScoringMessages::event).toList();
        Map<String, List<Map<String, AttributeValue>>> keys = new HashMap<>();
        for (ScoringEvent e : events) {
            keys.computeIfAbsent(leadsTable, t -> new ArrayList<>()).add(LeadKeys.key(tenantId, e.leadId()));
            keys.computeIfAbsent(scoresTable, t -> new ArrayList<>()).add(Map.of(DynamoScoreStore.LEAD_KEY,
                    s(leadKey(e.leadId())), DynamoScoreStore.RULESET_ID, s(RULESET_ID)));
            keys.computeIfAbsent(eventsTable, t -> new ArrayList<>()).add(Map.of(DynamoScoreStore.LEAD_KEY,
                    s(leadKey(e.leadId())), DynamoScoreStore.EVENT_ID, s(e.eventId())));
        }
        Map<String, Long> leadVersions = new HashMap<>();
        Map<String, Long> standingVersions = new HashMap<>();
        Set<String> stored = new HashSet<>();
        BatchGet.items(dynamo, keys, true, null, (table, item) -> {
            if (table.equals(leadsTable)) {
                leadVersions.put(Items.str(item, "leadId"), Items.num(item, LeadKeys.SCORE_VERSION));
            } else if (table.equals(scoresTable)) {
                standingVersions.put(Items.str(item, "leadId"), Items.num(item, "version"));
            } else {
                stored.add(Items.str(item, DynamoScoreStore.EVENT_ID));
            }
        });
        for (ScoringEvent event : events) {
            if (stored.contains(event.eventId()) || !leadVersions.containsKey(event.leadId())) {
                continue;
            }
            long before = standingVersions.getOrDefault(event.leadId(), 0L);
            long after = before + 1;
            long leadBefore = leadVersions.get(event.leadId());
            dynamo.putItem(standing(event, before, after));
            dynamo.updateItem(leadFields(event, leadBefore, after));
            try {
                dynamo.putItem(storeOnce(event));
            } catch (ConditionalCheckFailedException e) {
                // stored already: a retry of a put that did succeed (AWS semantics), as the pipeline lets it be
            }
            standingVersions.put(event.leadId(), after);
            leadVersions.put(event.leadId(), after);
        }
    }

    private PutItemRequest storeOnce(ScoringEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoScoreStore.LEAD_KEY, s(leadKey(e.leadId())));
        item.put(DynamoScoreStore.EVENT_ID, s(e.eventId()));
        item.put("tenantId", s(e.tenantId()));
        item.put("leadId", s(e.leadId()));
        item.put("type", s(e.type()));
        item.put("occurredAt", s(e.occurredAt().toString()));
        item.put("occurredMs", n(e.occurredAt().toEpochMilli()));
        item.put("receivedAt", instant(e.receivedAt()));
        item.put("properties", s(Json.write(e.properties())));
        return PutItemRequest.builder().tableName(eventsTable).item(item)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", DynamoScoreStore.EVENT_ID)).build();
    }

    private PutItemRequest standing(ScoringEvent e, long before, long after) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoScoreStore.LEAD_KEY, s(leadKey(e.leadId())));
        item.put(DynamoScoreStore.RULESET_ID, s(RULESET_ID));
        item.put("tenantId", s(tenantId));
        item.put("leadId", s(e.leadId()));
        item.put("type", s("engagement"));
        item.put("score", n(after));
        item.put(DynamoScoreStore.RANK_KEY, s(tenantId + "#" + RULESET_ID));
        item.put("version", n(after));
        item.put("state", s(Json.write(Map.of("contributions", Map.of("0", after), "daily", Map.of(),
                "floor", 0, "anchorScore", after, "anchorAt", e.occurredAt().toString()))));
        // the event applied, pending until stored (the previous event's id is pruned: this loop saw it stored)
        item.put("pending", AttributeValue.fromSs(List.of(e.eventId())));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(scoresTable).item(item);
        if (before == 0) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", DynamoScoreStore.LEAD_KEY));
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(before)));
        }
        return put.build();
    }

    private UpdateItemRequest leadFields(ScoringEvent e, long before, long after) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        fields.put(LeadScoreFields.SCORE, n(after));
        fields.put(LeadScoreFields.LEVEL, s(after >= 50 ? "hot" : after >= 20 ? "warm" : "cold"));
        fields.put(LeadScoreFields.ENGAGEMENT_SCORES, AttributeValues.longs(Map.of(RULESET_ID, after)));
        fields.put(LeadScoreFields.PROFILE_SCORES, AttributeValues.longs(Map.of()));
        fields.put(LeadScoreFields.RULESET_NAMES, AttributeValues.strings(Map.of(RULESET_ID, RULESET_NAME)));
        fields.put(LeadScoreFields.ENGAGEMENT_PRIMARY, s(RULESET_NAME));
        fields.put(LeadScoreFields.LAST_EVENT_AT, s(LeadKeys.time(e.occurredAt())));
        fields.put(LeadScoreFields.LAST_EVENT_TYPE, s(e.type()));
        fields.put(LeadKeys.SCORE_KEY, s(LeadKeys.scoreKey(e.leadId(), after)));
        fields.put(LeadKeys.LAST_EVENT_KEY, s(LeadKeys.lastEventKey(e.leadId(), e.occurredAt())));
        fields.put(LeadKeys.SCORE_VERSION, n(after));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        int i = 0;
        for (var field : fields.entrySet()) {
            names.put("#f" + i, field.getKey());
            values.put(":f" + i, field.getValue());
            set.append(i == 0 ? "" : ", ").append("#f").append(i).append(" = :f").append(i);
            i++;
        }
        names.put("#sv", LeadKeys.SCORE_VERSION);
        names.put("#lid", "leadId");
        String condition = "attribute_exists(#lid) AND attribute_not_exists(#sv)";
        if (before > 0) {
            condition = "attribute_exists(#lid) AND #sv = :sv";
            values.put(":sv", n(before));
        }
        return UpdateItemRequest.builder().tableName(leadsTable)
                .key(LeadKeys.key(tenantId, e.leadId())).updateExpression(set.toString()).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private String leadKey(String leadId) {
        return tenantId + "#" + leadId;
    }

    private static String leadId(int i) {
        return "lead_bare" + i;
    }
}
