package dev.leadbase.it.scoring;

import static dev.leadbase.it.scoring.ScoringData.createLead;
import static dev.leadbase.it.scoring.ScoringData.createRuleset;
import static dev.leadbase.it.scoring.ScoringData.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Top leads: the primary engagement rule set's ranking is the leads list by score (merged over the tenant's lead
 * shards, an own key seeing its own leads), with no ranking entry of its own; any other rule set's is its standings'
 * ranking entries. A change of primary moves the entries in its re-score, after which both rankings are as before.
 */
class TopLeadsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LEADS = 6;

    @Test
    void topLeadsFollowEachRulesetAcrossShardsAndOwnKeysBeforeAndAfterThePrimaryChanges() {
        TestTenant t = Fixture.newTenant(0);
        setShards(t.tenantId(), 4);
        TestTenant alice = Fixture.withKey(t.tenantId(), "alice", "own");
        Map<String, Object> viewsBody = ruleset("Views", "page_view", 10, true);
        Map<String, Object> demosBody = ruleset("Demos", "demo_request", 7, false);
        String views = createRuleset(t, viewsBody);
        String demos = createRuleset(t, demosBody);
        Fixture.drained(WAIT, "RescoreQueue");

        // lead i (the first two alice's) gets i + 1 page views and 6 - i demo requests: the two rankings are reversed
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String id = createLead(i < 2 ? alice : t, Map.of("email", "top" + i + "@example.com"));
            ids.add(id);
            for (int v = 0; v <= i; v++) {
                events.add(Map.of("leadId", id, "type", "page_view"));
            }
            for (int d = i; d < LEADS; d++) {
                events.add(Map.of("leadId", id, "type", "demo_request"));
            }
        }
        ApiResponse posted = t.client().post("/api/v2/events", Map.of("events", events));
        assertEquals(202, posted.status(), posted.toString());
        for (int i = 0; i < LEADS; i++) {
            String id = ids.get(i);
            long viewScore = 10L * (i + 1);
            long demoScore = 7L * (LEADS - i);
            Fixture.eventually(WAIT, "lead " + i + " scored", () -> lead(t, id).path("score").asLong() == viewScore
                    && lead(t, id).path("engagementScores").path(demos).asLong() == demoScore);
        }
        Fixture.awaitIndexes();

        List<String> byViews = List.of(ids.get(5), ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        List<String> byDemos = List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5));
        assertTop(t, "", views, byViews, List.of(60L, 50L, 40L, 30L, 20L, 10L));
        assertTop(t, "&rulesetId=" + views, views, byViews, List.of(60L, 50L, 40L, 30L, 20L, 10L));
        assertTop(t, "&rulesetId=" + demos, demos, byDemos, List.of(42L, 35L, 28L, 21L, 14L, 7L));
        assertEquals(byViews.subList(0, 3), ids(t.client().get("/api/v2/leads/top?limit=3").data()));
        assertTop(alice, "", views, List.of(ids.get(1), ids.get(0)), List.of(20L, 10L));
        assertTop(alice, "&rulesetId=" + demos, demos, List.of(ids.get(0), ids.get(1)), List.of(42L, 35L));
        // the primary's standings write no ranking entry: its ranking is the leads' own score index
        assertEquals(0, rankingEntries(t, views));
        assertEquals(LEADS, rankingEntries(t, demos));

        // Demos becomes the primary: its re-score gives the leads Demos's score, Views's standings their ranking entries
        viewsBody.put("primary", false);
        demosBody.put("primary", true);
        assertEquals(200, t.client().put("/api/v2/scoring/rulesets/" + views, viewsBody).status());
        assertEquals(200, t.client().put("/api/v2/scoring/rulesets/" + demos, demosBody).status());
        Fixture.drained(WAIT, "RescoreQueue");
        for (int i = 0; i < LEADS; i++) {
            String id = ids.get(i);
            long demoScore = 7L * (LEADS - i);
            Fixture.eventually(WAIT, "lead " + i + " re-scored", () -> lead(t, id).path("score").asLong() == demoScore);
        }
        Fixture.awaitIndexes();

        assertTop(t, "", demos, byDemos, List.of(42L, 35L, 28L, 21L, 14L, 7L));
        assertTop(t, "&rulesetId=" + views, views, byViews, List.of(60L, 50L, 40L, 30L, 20L, 10L));
        assertTop(alice, "", demos, List.of(ids.get(0), ids.get(1)), List.of(42L, 35L));
        assertTop(alice, "&rulesetId=" + views, views, List.of(ids.get(1), ids.get(0)), List.of(20L, 10L));
        Fixture.eventually(WAIT, "ranking entries moved",
                () -> rankingEntries(t, views) == LEADS && rankingEntries(t, demos) == 0);
    }

    private static Map<String, Object> ruleset(String name, String eventType, int points, boolean primary) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "engagement",
                "rules", List.of(Map.of("eventType", eventType, "points", points))));
        body.put("primary", primary);
        return body;
    }

    private static void assertTop(TestTenant caller, String query, String rulesetId, List<String> ids, List<Long> scores) {
        JsonNode top = caller.client().get("/api/v2/leads/top?limit=10" + query).data();
        assertEquals(rulesetId, top.path("rulesetId").asText(), top.toString());
        assertEquals(ids, ids(top), top.toString());
        List<Long> shown = new ArrayList<>();
        top.path("leads").forEach(l -> shown.add(l.path("rulesetScore").asLong()));
        assertEquals(scores, shown, top.toString());
    }

    private static List<String> ids(JsonNode top) {
        List<String> ids = new ArrayList<>();
        top.path("leads").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }

    /** The standings of {@code rulesetId} in its ranking index (ScoresTable's ByRulesetScore). */
    private static int rankingEntries(TestTenant t, String rulesetId) {
        return Fixture.runtime().dynamo().query(q -> q.tableName(Fixture.runtime().tableName("ScoresTable"))
                .indexName("ByRulesetScore").keyConditionExpression("rankKey = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(t.tenantId() + "#" + rulesetId)))).count();
    }

    private static void setShards(String tenantId, int shards) {
        Fixture.runtime().dynamo().updateItem(u -> u.tableName(Fixture.runtime().tableName("TenantsTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId)))
                .updateExpression("SET leadShards = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromN(Integer.toString(shards)))));
    }
}
