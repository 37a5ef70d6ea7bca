package dev.leadbase.scoring.store;

import static dev.leadbase.scoring.store.DynamoScoreStore.BY_DECAY;
import static dev.leadbase.scoring.store.DynamoScoreStore.BY_RULESET_SCORE;
import static dev.leadbase.scoring.store.DynamoScoreStore.DECAYING;
import static dev.leadbase.scoring.store.DynamoScoreStore.DECAY_KEY;
import static dev.leadbase.scoring.store.DynamoScoreStore.LEAD_KEY;
import static dev.leadbase.scoring.store.DynamoScoreStore.RANK_KEY;
import static dev.leadbase.scoring.store.DynamoScoreStore.RULESET_ID;
import static dev.leadbase.scoring.store.DynamoScoreStore.leadKey;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore.DecayCandidate;
import dev.leadbase.scoring.domain.ScoreStore.Ranked;
import dev.leadbase.scoring.domain.ScoreStore.RankedPage;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * ScoresTable: one standing per (lead, rule set) under (leadKey, rulesetId), each write guarded by its
 * {@code version}; indexed, sparsely, by rule set and score ({@code ByRulesetScore}, the standings of ranked rule sets:
 * all but the primary engagement one, {@code Ruleset.ranked}) and by {@code decayKey} while a decaying score is
 * positive ({@code ByDecay}). A standing the events worker wrote also holds {@code pending},
 * the ids of events it applied whose event items may not be stored yet ({@code EventApplier}); every other write keeps
 * them, or (a replay) writes them as its step says.
 */
record ScoresTable(DynamoDbClient dynamo, String table) {
    private static final int DECAY_PAGE = 100;
    /** The ids of the events the events worker applied to a standing and may not have stored yet (a string set). */
    static final String PENDING = "pending";

    String name() {
        return table;
    }

    static Map<String, AttributeValue> key(String tenantId, String leadId, String rulesetId) {
        return Map.of(LEAD_KEY, s(leadKey(tenantId, leadId)), RULESET_ID, s(rulesetId));
    }

    /** The lead's standing items under every rule set it has one for. */
    List<Map<String, AttributeValue>> items(String tenantId, String leadId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :k").expressionAttributeNames(Map.of("#pk", LEAD_KEY))
                        .expressionAttributeValues(Map.of(":k", s(leadKey(tenantId, leadId)))))
                .items().forEach(items::add);
        return items;
    }

    /**
     * {@code lead} with the standings, pending event ids and unranked rule sets (no {@code rankKey}) of {@code items}
     * (its standing items).
     */
    static LeadStanding standing(ScoredLead lead, Collection<Map<String, AttributeValue>> items) {
        Map<String, ScoreState> states = new HashMap<>();
        Map<String, Set<String>> pending = new HashMap<>();
        Set<String> unranked = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            ScoreState st = toState(item);
            states.put(st.rulesetId(), st);
            if (!item.containsKey(RANK_KEY)) {
                unranked.add(st.rulesetId());
            }
            AttributeValue ids = item.get(PENDING);
            if (ids != null && ids.hasSs()) {
                pending.put(st.rulesetId(), Set.copyOf(ids.ss()));
            }
        }
        return lead.with(states, pending, unranked);
    }

    /**
     * Writes {@code state}, with {@code pending} as its pending event ids and a ranking entry when {@code ranked}, if
     * the stored standing is still {@code prior} (null: none is stored); for a transaction.
     */
    TransactWriteItem put(String tenantId, String leadId, ScoreState state, ScoreState prior, Set<String> pending,
                          boolean ranked) {
        return TransactWriteItem.builder().put(standingPut(tenantId, leadId, state, prior, pending, ranked)).build();
    }

    /** The same write alone: false when the stored standing is no longer {@code prior} (nothing was written). */
    boolean putNow(String tenantId, String leadId, ScoreState state, ScoreState prior, Set<String> pending,
                   boolean ranked) {
        Put p = standingPut(tenantId, leadId, state, prior, pending, ranked);
        try {
            // a standing is also written by the transactions of other steps: a conflict with one is tried again
            Transactions.retrying(() -> dynamo.putItem(r -> r.tableName(p.tableName()).item(p.item())
                    .conditionExpression(p.conditionExpression()).expressionAttributeNames(p.expressionAttributeNames())
                    .expressionAttributeValues(p.expressionAttributeValues())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Put standingPut(String tenantId, String leadId, ScoreState state, ScoreState prior, Set<String> pending,
                            boolean ranked) {
        Map<String, AttributeValue> item = item(tenantId, leadId, state, prior == null ? 1 : prior.version() + 1);
        if (ranked) {
            item.put(RANK_KEY, s(tenantId + "#" + state.rulesetId()));
        }
        if (!pending.isEmpty()) {
            item.put(PENDING, AttributeValue.fromSs(List.copyOf(pending)));
        }
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (prior == null) {
            p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", LEAD_KEY));
        } else {
            p.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(prior.version())));
        }
        return p.build();
    }

    /** Deletes the standing if it is still {@code prior}. */
    TransactWriteItem delete(String tenantId, String leadId, ScoreState prior) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(tenantId, leadId, prior.rulesetId()))
                .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(prior.version())))).build();
    }

    /** Standings with a positive decaying score, across tenants, read a page at a time as iterated. */
    Iterable<DecayCandidate> decayCandidates() {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(BY_DECAY).limit(DECAY_PAGE)
                .keyConditionExpression("#d = :d").expressionAttributeNames(Map.of("#d", DECAY_KEY))
                .expressionAttributeValues(Map.of(":d", s(DECAYING))).build();
        return () -> Pages.items(Pages.of(dynamo, request), i -> {
            String key = Items.str(i, LEAD_KEY);
            int sep = key.indexOf('#');
            return new DecayCandidate(key.substring(0, sep), key.substring(sep + 1), Items.str(i, RULESET_ID));
        });
    }

    RankedPage top(String tenantId, String rulesetId, Ranked after, int limit) {
        String rankKey = tenantId + "#" + rulesetId;
        Map<String, AttributeValue> start = after == null ? null : Map.of(RANK_KEY, s(rankKey), "score", n(after.score()),
                LEAD_KEY, s(leadKey(tenantId, after.leadId())), RULESET_ID, s(rulesetId));
        Pages pages = Pages.of(dynamo, q -> q.tableName(table).indexName(BY_RULESET_SCORE)
                .scanIndexForward(false).limit(limit).keyConditionExpression("#r = :r")
                .expressionAttributeNames(Map.of("#r", RANK_KEY))
                .expressionAttributeValues(Map.of(":r", s(rankKey))).exclusiveStartKey(start));
        List<Ranked> ranked = pages.next().items().stream()
                .map(i -> new Ranked(Items.str(i, "leadId"), Items.num(i, "score"))).toList();
        return new RankedPage(ranked, pages.hasNext() && !ranked.isEmpty() ? ranked.getLast() : null);
    }

    private static Map<String, AttributeValue> item(String tenantId, String leadId, ScoreState st, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LEAD_KEY, s(leadKey(tenantId, leadId)));
        item.put(RULESET_ID, s(st.rulesetId()));
        item.put("tenantId", s(tenantId));
        item.put("leadId", s(leadId));
        item.put("type", s(st.type().wire()));
        item.put("score", n(st.score()));
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

    static ScoreState toState(Map<String, AttributeValue> i) {
        JsonNode state = Items.json(i, "state", "standing " + Items.str(i, LEAD_KEY));
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
