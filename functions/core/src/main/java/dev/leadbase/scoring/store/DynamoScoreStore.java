package dev.leadbase.scoring.store;

import dev.leadbase.shared.dynamo.AttributeValues;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Resume;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.json.Json;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.scoring.domain.LastEvent;
import dev.leadbase.scoring.domain.LeadScoresChange;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.ScoredLeads;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.StandingChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Scoring's DynamoDB side. ScoresTable holds one standing per (lead, rule set) under
 * ({@code leadKey} = tenantId#leadId, rulesetId), indexed by rule set and score ({@code ByRulesetScore},
 * for top leads) and, sparsely, by {@code decayKey} while a decaying score is positive ({@code ByDecay}).
 * EventsTable holds each event once under (leadKey, eventId), indexed by time ({@code ByOccurredAt}).
 * The lead item's score fields are written in the same transaction, by the write the leads slice makes of them
 * ({@link ScoredLeads#scores}), guarded by the lead's {@code scoreVersion}.
 */
public final class DynamoScoreStore implements ScoreStore {
    public static final String LEAD_KEY = "leadKey";
    public static final String RULESET_ID = "rulesetId";
    public static final String EVENT_ID = "eventId";
    public static final String RANK_KEY = "rankKey";
    public static final String DECAY_KEY = "decayKey";
    public static final String BY_RULESET_SCORE = "ByRulesetScore";
    public static final String BY_DECAY = "ByDecay";
    public static final String BY_OCCURRED_AT = "ByOccurredAt";
    static final String OCCURRED_MS = "occurredMs";
    public static final String DECAYING = "decaying";

    private final DynamoDbClient dynamo;
    private final String leadsTable;
    private final ScoredLeads<Map<String, AttributeValue>, TransactWriteItem> leads;
    private final String scoresTable;
    private final String eventsTable;

    public DynamoScoreStore(DynamoDbClient dynamo, String leadsTable, ScoredLeads<Map<String, AttributeValue>,
            TransactWriteItem> leads, String scoresTable, String eventsTable) {
        this.dynamo = dynamo;
        this.leadsTable = leadsTable;
        this.leads = leads;
        this.scoresTable = scoresTable;
        this.eventsTable = eventsTable;
    }

    static String leadKey(String tenantId, String leadId) {
        return tenantId + "#" + leadId;
    }

    @Override
    public Optional<LeadStanding> load(String tenantId, String leadId) {
        return leads.find(tenantId, leadId).map(lead -> {
            Map<String, ScoreState> states = new HashMap<>();
            dynamo.queryPaginator(q -> q.tableName(scoresTable).consistentRead(true)
                            .keyConditionExpression("#pk = :k").expressionAttributeNames(Map.of("#pk", LEAD_KEY))
                            .expressionAttributeValues(Map.of(":k", s(leadKey(tenantId, leadId)))))
                    .items().stream().map(DynamoScoreStore::toState).forEach(st -> states.put(st.rulesetId(), st));
            return lead.with(states);
        });
    }

    @Override
    public Map<String, LeadStanding> loadAll(String tenantId, Collection<String> leadIds, Collection<String> rulesetIds) {
        List<Map<String, AttributeValue>> leadKeys = new ArrayList<>();
        List<Map<String, AttributeValue>> scoreKeys = new ArrayList<>();
        for (String leadId : new LinkedHashSet<>(leadIds)) {
            leadKeys.add(leads.key(tenantId, leadId));
            for (String rulesetId : new LinkedHashSet<>(rulesetIds)) {
                scoreKeys.add(Map.of(LEAD_KEY, s(leadKey(tenantId, leadId)), RULESET_ID, s(rulesetId)));
            }
        }
        Map<String, ScoredLead> found = new HashMap<>();
        Map<String, Map<String, ScoreState>> states = new HashMap<>();
        BatchGet.items(dynamo, Map.of(leadsTable, leadKeys, scoresTable, scoreKeys), true, null, (table, item) -> {
            if (table.equals(leadsTable)) {
                ScoredLead lead = leads.read(item);
                found.put(lead.leadId(), lead);
            } else {
                ScoreState st = toState(item);
                states.computeIfAbsent(Items.str(item, "leadId"), k -> new HashMap<>()).put(st.rulesetId(), st);
            }
        });
        Map<String, LeadStanding> out = new HashMap<>();
        found.forEach((leadId, lead) -> out.put(leadId, lead.with(states.getOrDefault(leadId, Map.of()))));
        return out;
    }

    @Override
    public Commit commit(LeadStanding before, StandingChange change) {
        String tenantId = before.tenantId();
        String leadId = before.leadId();
        List<TransactWriteItem> writes = new ArrayList<>();
        for (ScoringEvent event : change.events()) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(eventsTable).item(eventItem(event))
                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", EVENT_ID))).build());
        }
        for (ScoreState state : change.upserts()) {
            ScoreState prior = before.states().get(state.rulesetId());
            Map<String, AttributeValue> item = scoreItem(tenantId, leadId, state, prior == null ? 1 : prior.version() + 1);
            writes.add(TransactWriteItem.builder().put(p -> {
                p.tableName(scoresTable).item(item);
                if (prior == null) {
                    p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", LEAD_KEY));
                } else {
                    p.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(prior.version())));
                }
            }).build());
        }
        for (String rulesetId : change.removals()) {
            ScoreState prior = before.states().get(rulesetId);
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(scoresTable)
                    .key(Map.of(LEAD_KEY, s(leadKey(tenantId, leadId)), RULESET_ID, s(rulesetId)))
                    .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(prior.version())))).build());
        }
        writes.add(leads.scores(new LeadScoresChange(tenantId, leadId, before.scoreVersion(), change.summary(),
                LastEvent.of(change.lastEventAt(), change.lastEventType()))));
        try {
            Transactions.write(dynamo, writes);
            return Commit.APPLIED;
        } catch (TransactionCanceledException e) {
            // the event puts come first: a failed condition there means that event is stored already
            for (int i = 0; i < change.events().size(); i++) {
                if (Transactions.failedCondition(e, i)) {
                    return Commit.DUPLICATE_EVENT;
                }
            }
            return Commit.CONFLICT;
        }
    }

    @Override
    public Map<String, String> owners(String tenantId, Collection<String> leadIds) {
        return leads.owners(tenantId, leadIds);
    }

    @Override
    public Page<String> leadIds(String tenantId, String cursor, int limit) {
        return leads.leadIds(tenantId, cursor, limit);
    }

    @Override
    public List<ScoringEvent> events(String tenantId, String leadId) {
        List<ScoringEvent> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(eventsTable).consistentRead(true)
                        .keyConditionExpression("#pk = :k").expressionAttributeNames(Map.of("#pk", LEAD_KEY))
                        .expressionAttributeValues(Map.of(":k", s(leadKey(tenantId, leadId)))))
                .items().forEach(i -> out.add(toEvent(i)));
        return out;
    }

    @Override
    public EventsPage eventsPage(String tenantId, String leadId, EventAfter after, int limit) {
        String leadKey = leadKey(tenantId, leadId);
        Map<String, AttributeValue> start = after == null ? null : Map.of(LEAD_KEY, s(leadKey),
                EVENT_ID, s(after.eventId()), OCCURRED_MS, n(after.occurredMs()));
        // consistent (a local index can be): the events that moved a lead's score are listed with it
        QueryResponse page = Resume.query(dynamo, QueryRequest.builder().tableName(eventsTable).indexName(BY_OCCURRED_AT)
                .consistentRead(true).scanIndexForward(false).limit(limit).keyConditionExpression("#pk = :k")
                .expressionAttributeNames(Map.of("#pk", LEAD_KEY))
                .expressionAttributeValues(Map.of(":k", s(leadKey))).exclusiveStartKey(start).build());
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        return new EventsPage(page.items().stream().map(DynamoScoreStore::toEvent).toList(),
                page.hasLastEvaluatedKey() && !last.isEmpty()
                        ? new EventAfter(Items.str(last, EVENT_ID), Items.num(last, OCCURRED_MS)) : null);
    }

    @Override
    public Page<DecayCandidate> decayCandidates(String cursor, int limit) {
        QueryResponse page = query(QueryRequest.builder().tableName(scoresTable).indexName(BY_DECAY).limit(limit)
                .keyConditionExpression("#d = :d").expressionAttributeNames(Map.of("#d", DECAY_KEY))
                .expressionAttributeValues(Map.of(":d", s(DECAYING))), cursor);
        List<DecayCandidate> out = new ArrayList<>();
        for (var i : page.items()) {
            String key = Items.str(i, LEAD_KEY);
            int sep = key.indexOf('#');
            out.add(new DecayCandidate(key.substring(0, sep), key.substring(sep + 1), Items.str(i, RULESET_ID)));
        }
        return new Page<>(out, AttributeValues.cursor(page.lastEvaluatedKey()));
    }

    @Override
    public Page<Ranked> top(String tenantId, String rulesetId, String cursor, int limit) {
        QueryResponse page = query(QueryRequest.builder().tableName(scoresTable).indexName(BY_RULESET_SCORE)
                .scanIndexForward(false).limit(limit).keyConditionExpression("#r = :r")
                .expressionAttributeNames(Map.of("#r", RANK_KEY))
                .expressionAttributeValues(Map.of(":r", s(tenantId + "#" + rulesetId))), cursor);
        return new Page<>(page.items().stream().map(i -> new Ranked(Items.str(i, "leadId"), Items.num(i, "score"))).toList(),
                AttributeValues.cursor(page.lastEvaluatedKey()));
    }

    @Override
    public List<ScoredLead> leads(String tenantId, List<String> leadIds) {
        return leads.scored(tenantId, leadIds);
    }

    @Override
    public List<Lead> leadRecords(String tenantId, List<String> leadIds) {
        return leads.leads(tenantId, leadIds);
    }

    /** A query resuming at one of this store's own page cursors (never one a client sent). */
    private QueryResponse query(QueryRequest.Builder request, String cursor) {
        return dynamo.query(request.exclusiveStartKey(AttributeValues.fromCursor(cursor)).build());
    }

    private static Map<String, AttributeValue> eventItem(ScoringEvent e) {
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

    private static Map<String, AttributeValue> scoreItem(String tenantId, String leadId, ScoreState st, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LEAD_KEY, s(leadKey(tenantId, leadId)));
        item.put(RULESET_ID, s(st.rulesetId()));
        item.put("tenantId", s(tenantId));
        item.put("leadId", s(leadId));
        item.put("type", s(st.type().wire()));
        item.put("score", n(st.score()));
        item.put(RANK_KEY, s(tenantId + "#" + st.rulesetId()));
        item.put("version", n(version));
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Long> contributions = new LinkedHashMap<>();
        st.contributions().forEach((k, v) -> contributions.put(Integer.toString(k), v));
        state.put("contributions", contributions);
        state.put("daily", st.daily());
        state.put("floor", st.floorAdjustment());
        state.put("anchorScore", st.anchorScore());
        state.put("anchorAt", st.anchorAt() == null ? null : st.anchorAt().toString());
        item.put("state", s(Json.write(state)));
        // only positive engagement scores that can decay sit in the sparse decay index
        if (st.type() == RulesetType.ENGAGEMENT && st.score() > 0 && st.anchorAt() != null) {
            item.put(DECAY_KEY, s(DECAYING));
        }
        return item;
    }

    private static ScoreState toState(Map<String, AttributeValue> i) {
        JsonNode state;
        try {
            state = Json.read(Items.str(i, "state"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Corrupt standing " + Items.str(i, LEAD_KEY), e);
        }
        Map<Integer, Long> contributions = new HashMap<>();
        state.path("contributions").fields().forEachRemaining(f -> contributions.put(Integer.parseInt(f.getKey()), f.getValue().asLong()));
        Map<String, Integer> daily = new HashMap<>();
        state.path("daily").fields().forEachRemaining(f -> daily.put(f.getKey(), f.getValue().asInt()));
        String anchorAt = state.path("anchorAt").isTextual() ? state.get("anchorAt").asText() : null;
        return new ScoreState(Items.str(i, RULESET_ID), RulesetType.fromWire(Items.str(i, "type")).orElseThrow(),
                Items.num(i, "score"), contributions, daily, state.path("floor").asLong(), state.path("anchorScore").asLong(),
                anchorAt == null ? null : Instant.parse(anchorAt), Items.num(i, "version"));
    }
}
