package dev.leadbase.scoring.store;

import dev.leadbase.leads.store.LeadItems;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.shared.dynamo.AttributeValues;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.StandingChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Scoring's DynamoDB side, and the one place its attribute names and key formats are spelled. ScoresTable
 * ({@link ScoresTable}) holds one standing per (lead, rule set) under ({@code leadKey} = tenantId#leadId,
 * rulesetId); EventsTable ({@link EventsTable}) each event once under (leadKey, eventId). A scoring step's
 * standings, events and the lead item's score fields are written in one transaction, the lead guarded by
 * {@code scoreVersion}.
 */
public final class DynamoScoreStore implements ScoreStore {
    public static final String LEAD_KEY = "leadKey";
    public static final String RULESET_ID = "rulesetId";
    public static final String EVENT_ID = "eventId";
    public static final String RANK_KEY = "rankKey";
    public static final String SCORE_VERSION = "scoreVersion";
    static final String DECAY_KEY = "decayKey";
    static final String DECAYING = "decaying";
    static final String BY_RULESET_SCORE = "ByRulesetScore";
    static final String BY_DECAY = "ByDecay";
    static final String BY_OCCURRED_AT = "ByOccurredAt";
    static final String OCCURRED_MS = "occurredMs";

    private final DynamoDbClient dynamo;
    private final String leadsTable;
    private final ScoresTable scores;
    private final EventsTable events;

    public DynamoScoreStore(DynamoDbClient dynamo, String leadsTable, String scoresTable, String eventsTable) {
        this.dynamo = dynamo;
        this.leadsTable = leadsTable;
        this.scores = new ScoresTable(dynamo, scoresTable);
        this.events = new EventsTable(dynamo, eventsTable);
    }

    /** The partition key of a lead's standings and events. */
    static String leadKey(String tenantId, String leadId) {
        return tenantId + "#" + leadId;
    }

    private static Map<String, AttributeValue> leadItemKey(String tenantId, String leadId) {
        return Map.of("tenantId", s(tenantId), "leadId", s(leadId));
    }

    @Override
    public Optional<LeadStanding> load(String tenantId, String leadId) {
        var lead = dynamo.getItem(g -> g.tableName(leadsTable).key(leadItemKey(tenantId, leadId)).consistentRead(true)).item();
        if (lead == null || lead.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(standing(tenantId, leadId, lead, scores.states(tenantId, leadId)));
    }

    @Override
    public Map<String, LeadStanding> loadAll(String tenantId, Collection<String> leadIds, Collection<String> rulesetIds) {
        List<Map<String, AttributeValue>> leadKeys = new ArrayList<>();
        List<Map<String, AttributeValue>> scoreKeys = new ArrayList<>();
        for (String leadId : new LinkedHashSet<>(leadIds)) {
            leadKeys.add(leadItemKey(tenantId, leadId));
            for (String rulesetId : new LinkedHashSet<>(rulesetIds)) {
                scoreKeys.add(ScoresTable.key(tenantId, leadId, rulesetId));
            }
        }
        Map<String, Map<String, AttributeValue>> leads = new HashMap<>();
        Map<String, Map<String, ScoreState>> states = new HashMap<>();
        BatchGet.items(dynamo, Map.of(leadsTable, leadKeys, scores.name(), scoreKeys), true, null, (table, item) -> {
            if (table.equals(leadsTable)) {
                leads.put(Items.str(item, "leadId"), item);
            } else {
                ScoreState st = ScoresTable.toState(item);
                states.computeIfAbsent(Items.str(item, "leadId"), k -> new HashMap<>()).put(st.rulesetId(), st);
            }
        });
        Map<String, LeadStanding> out = new HashMap<>();
        leads.forEach((leadId, lead) -> out.put(leadId, standing(tenantId, leadId, lead,
                states.getOrDefault(leadId, Map.of()))));
        return out;
    }

    private static LeadStanding standing(String tenantId, String leadId, Map<String, AttributeValue> lead,
                                         Map<String, ScoreState> states) {
        return new LeadStanding(tenantId, leadId, AttributeValues.toJava(lead), Items.num(lead, SCORE_VERSION),
                Items.time(lead, LeadScoreFields.LAST_EVENT_AT), Items.str(lead, LeadScoreFields.LAST_EVENT_TYPE), states);
    }

    @Override
    public Commit commit(LeadStanding before, StandingChange change) {
        String tenantId = before.tenantId();
        String leadId = before.leadId();
        List<TransactWriteItem> writes = new ArrayList<>();
        for (ScoringEvent event : change.events()) {
            writes.add(events.putOnce(event));
        }
        for (ScoreState state : change.upserts()) {
            writes.add(scores.put(tenantId, leadId, state, before.states().get(state.rulesetId())));
        }
        for (String rulesetId : change.removals()) {
            writes.add(scores.delete(tenantId, leadId, before.states().get(rulesetId)));
        }
        writes.add(leadUpdate(before, change));
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

    private TransactWriteItem leadUpdate(LeadStanding before, StandingChange change) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        var summary = change.summary();
        fields.put(LeadScoreFields.SCORE, n(summary.score()));
        fields.put(LeadScoreFields.LEVEL, summary.level() == null ? null : s(summary.level()));
        fields.put(LeadScoreFields.ENGAGEMENT_SCORES, AttributeValues.longs(summary.engagementScores()));
        fields.put(LeadScoreFields.PROFILE_SCORES, AttributeValues.longs(summary.profileScores()));
        fields.put(LeadScoreFields.RULESET_NAMES, AttributeValues.strings(summary.rulesetNames()));
        fields.put(LeadScoreFields.ENGAGEMENT_PRIMARY, summary.engagementPrimaryRulesetName() == null ? null
                : s(summary.engagementPrimaryRulesetName()));
        fields.put(LeadScoreFields.PROFILE_PRIMARY, summary.profilePrimaryRulesetName() == null ? null
                : s(summary.profilePrimaryRulesetName()));
        fields.put(LeadScoreFields.LAST_EVENT_AT, change.lastEventAt() == null ? null : s(LeadKeys.time(change.lastEventAt())));
        fields.put(LeadScoreFields.LAST_EVENT_TYPE, change.lastEventType() == null ? null : s(change.lastEventType()));
        fields.putAll(LeadKeys.scoreAttributes(before.leadId(), summary.score()));
        if (change.lastEventAt() != null) {
            fields.putAll(LeadKeys.lastEventAttributes(before.leadId(), change.lastEventAt()));
        }
        fields.put(SCORE_VERSION, n(before.scoreVersion() + 1));
        int i = 0;
        for (var e : fields.entrySet()) {
            String name = "#f" + i;
            names.put(name, e.getKey());
            if (e.getValue() == null) {
                removes.add(name);
            } else {
                values.put(":f" + i, e.getValue());
                sets.add(name + " = :f" + i);
            }
            i++;
        }
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        names.put("#sv", SCORE_VERSION);
        names.put("#lid", "leadId");
        String condition;
        if (before.scoreVersion() == 0) {
            condition = "attribute_exists(#lid) AND attribute_not_exists(#sv)";
        } else {
            condition = "attribute_exists(#lid) AND #sv = :sv";
            values.put(":sv", n(before.scoreVersion()));
        }
        return TransactWriteItem.builder().update(u -> u.tableName(leadsTable)
                .key(leadItemKey(before.tenantId(), before.leadId()))
                .updateExpression(expression).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    @Override
    public Map<String, String> owners(String tenantId, Collection<String> leadIds) {
        Map<String, String> owners = new HashMap<>();
        List<Map<String, AttributeValue>> keys = leadIds.stream().map(id -> leadItemKey(tenantId, id)).toList();
        // consistent: a lead created a moment ago must be known to the events sent for it
        BatchGet.items(dynamo, Map.of(leadsTable, keys), true, "leadId, ownerId",
                (table, i) -> owners.put(Items.str(i, "leadId"), Items.str(i, "ownerId")));
        return owners;
    }

    @Override
    public Page<String> leadIds(String tenantId, String afterLeadId, int limit) {
        Pages pages = Pages.of(dynamo, q -> q.tableName(leadsTable).limit(limit)
                .keyConditionExpression("tenantId = :t").expressionAttributeValues(Map.of(":t", s(tenantId)))
                .projectionExpression("leadId").exclusiveStartKey(afterLeadId == null ? null : leadItemKey(tenantId, afterLeadId)));
        List<String> ids = pages.next().items().stream().map(i -> Items.str(i, "leadId")).toList();
        return new Page<>(ids, pages.hasNext() && !ids.isEmpty() ? ids.getLast() : null);
    }

    @Override
    public List<ScoringEvent> events(String tenantId, String leadId) {
        return events.all(tenantId, leadId);
    }

    @Override
    public EventsPage eventsPage(String tenantId, String leadId, EventAfter after, int limit) {
        return events.page(tenantId, leadId, after, limit);
    }

    @Override
    public Iterable<DecayCandidate> decayCandidates() {
        return scores.decayCandidates();
    }

    @Override
    public RankedPage top(String tenantId, String rulesetId, Ranked after, int limit) {
        return scores.top(tenantId, rulesetId, after, limit);
    }

    @Override
    public List<Map<String, Object>> leads(String tenantId, List<String> leadIds) {
        // consistent: the lead a path names, created or changed a moment ago, is found as GET /leads/{id} finds it
        return leadItems(tenantId, leadIds, true).stream().map(AttributeValues::toJava).toList();
    }

    @Override
    public List<Lead> leadRecords(String tenantId, List<String> leadIds) {
        // the leads of a ranking, itself read from an index: eventually consistent, as the ranking is
        return leadItems(tenantId, leadIds, false).stream().map(LeadItems::lead).toList();
    }

    private List<Map<String, AttributeValue>> leadItems(String tenantId, List<String> leadIds, boolean consistent) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = leadIds.stream().map(id -> leadItemKey(tenantId, id)).toList();
        BatchGet.items(dynamo, Map.of(leadsTable, keys), consistent, null, (table, i) -> found.put(Items.str(i, "leadId"), i));
        return leadIds.stream().filter(found::containsKey).map(found::get).toList();
    }
}
