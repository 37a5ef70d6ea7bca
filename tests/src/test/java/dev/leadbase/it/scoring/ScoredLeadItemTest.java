package dev.leadbase.it.scoring;

import static dev.leadbase.it.scoring.ScoringData.item;
import static dev.leadbase.it.scoring.ScoringData.pageViews;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The lead item as scoring leaves it: its score fields in one packed map, {@code lastEventAt} only in its index key and
 * the times, status, source, owner and tags only in {@code f}, so that an event's update of a lead like the cost
 * bench's is one write unit; and a lead item of the earlier layout (separate score attributes, those fields at the top
 * level too) served as it is.
 */
class ScoredLeadItemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Scoring's fields as the earlier layout held them, each a top-level attribute. */
    private static final List<String> SEPARATE = List.of("score", "level", "engagementScores", "profileScores",
            "rulesetNames", "engagementPrimaryRulesetName", "profilePrimaryRulesetName", "lastEventAt", "lastEventType");

    @Test
    void aScoredLeadLikeTheCostBenchsHoldsItsScoresPackedAndItsItemCostsOneWriteUnit() {
        TestTenant t = Fixture.newTenant(0);
        String ruleset = pageViews(t, "Cost", true, 5);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = created(t, Map.of("email", "cost-" + suffix + "@example.com", "firstName", "Cost",
                "lastName", "Lead " + suffix, "company", "Acme", "status", "new", "tags", List.of("bench")));
        assertEquals(200, t.client().patch("/api/v2/leads/" + id, Map.of("status", "contacted",
                "title", "Head of " + suffix.substring(0, 6))).status());

        event(t, id, Instant.now().minus(1, ChronoUnit.MINUTES));
        event(t, id, Instant.now());
        Fixture.eventually(WAIT, "two events scored", () -> t.client().get("/api/v2/leads/" + id).data().path("score").asLong() == 10);

        Map<String, AttributeValue> item = item(t, id);
        Map<String, AttributeValue> scores = item.get("sc").m();
        assertEquals("10", scores.get("s").n());
        List<AttributeValue> standing = scores.get("e").m().get(ruleset).l();
        assertEquals("10", standing.get(0).n(), "the rule set's score");
        assertEquals("Cost", standing.get(1).s(), "and its name, beside the one copy of its id");
        assertEquals("Cost", scores.get("ep").s());
        assertEquals("page_view", scores.get("t").s());
        assertFalse(scores.containsKey("p") || scores.containsKey("n"), "no empty map is stored: " + scores);
        for (String name : SEPARATE) {
            assertFalse(item.containsKey(name), name + " is held once, packed or in its key");
        }
        for (String name : List.of("createdAt", "updatedAt", "status", "source", "ownerId", "tags", "customFields")) {
            assertFalse(item.containsKey(name), name + " is held in f alone, or (empty) not at all");
        }

        // the item an event's update rewrites: under 1 KB, one write unit (two before the score fields were packed)
        double units = Fixture.runtime().dynamo().putItem(p -> p.tableName(Fixture.runtime().tableName("LeadItemsTable"))
                .item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertEquals(1.0, units, "write units of the scored lead item " + item);
    }

    @Test
    void aLeadStoredInTheEarlierLayoutIsServedListedFilteredAndRescoredAsBefore() {
        TestTenant t = Fixture.newTenant(0);
        String ruleset = pageViews(t, "Visits", true, 5);
        String id = created(t, Map.of("email", "old@layout.io", "firstName", "Olde", "company", "Acme", "tags", List.of("vip")));
        event(t, id, Instant.now().minus(1, ChronoUnit.HOURS));
        Fixture.eventually(WAIT, "scored", () -> t.client().get("/api/v2/leads/" + id).data().path("score").asLong() == 5);
        JsonNode served = t.client().get("/api/v2/leads/" + id).data();
        JsonNode score = t.client().get("/api/v2/leads/" + id + "/score").data();

        // the same lead written as the earlier layout held it: scoring's fields and the times each a top-level attribute
        Map<String, AttributeValue> old = new HashMap<>(item(t, id));
        old.remove("sc");
        old.put("score", AttributeValue.fromN("5"));
        old.put("level", AttributeValue.fromS(served.path("level").asText()));
        old.put("engagementScores", AttributeValue.fromM(Map.of(ruleset, AttributeValue.fromN("5"))));
        old.put("profileScores", AttributeValue.fromM(Map.of()));
        old.put("rulesetNames", AttributeValue.fromM(Map.of(ruleset, AttributeValue.fromS("Visits"))));
        old.put("engagementPrimaryRulesetName", AttributeValue.fromS("Visits"));
        old.put("lastEventAt", AttributeValue.fromS(served.path("lastEventAt").asText()));
        old.put("lastEventType", AttributeValue.fromS("page_view"));
        for (String name : List.of("createdAt", "updatedAt", "status", "source", "ownerId", "tags")) {
            old.put(name, old.get("f").m().get(name));
        }
        old.put("customFields", AttributeValue.fromM(Map.of()));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(Fixture.runtime().tableName("LeadItemsTable")).item(old));
        Fixture.awaitIndexes();

        assertEquals(served, t.client().get("/api/v2/leads/" + id).data(), "the lead as it was served");
        assertEquals(score, t.client().get("/api/v2/leads/" + id + "/score").data(), "its score as it was served");
        assertEquals(List.of(id), listed(t, "minScore=5"));
        assertEquals(List.of(), listed(t, "minScore=6"));
        assertEquals(List.of(id), listed(t, "lastActive=7d"));
        assertEquals(List.of(id), listed(t, "eventType=page_view"));
        assertEquals(List.of(id), listed(t, "sortBy=score&tag=vip"));
        assertEquals(served, t.client().get("/api/v2/leads?sortBy=score").data().path("leads").get(0), "listed as served");

        Instant second = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        event(t, id, second);
        Fixture.eventually(WAIT, "re-scored", () -> t.client().get("/api/v2/leads/" + id).data().path("score").asLong() == 10);
        JsonNode rescored = t.client().get("/api/v2/leads/" + id).data();
        assertEquals(10, rescored.path("engagementScores").path(ruleset).asLong());
        assertEquals(second, Instant.parse(rescored.path("lastEventAt").asText()));
        assertEquals(served.path("createdAt"), rescored.path("createdAt"));
        assertEquals(served.path("updatedAt"), rescored.path("updatedAt"));
        Map<String, AttributeValue> after = item(t, id);
        assertEquals("10", after.get("sc").m().get("s").n());
        for (String name : SEPARATE) {
            assertFalse(after.containsKey(name), name + " removed by the first packed score write");
        }
        Fixture.awaitIndexes();
        assertEquals(List.of(id), listed(t, "minScore=10&lastActive=7d"));

        ApiResponse patched = t.client().patch("/api/v2/leads/" + id, Map.of("title", "Keeper"));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(served.path("createdAt"), patched.data().path("createdAt"));
        Map<String, AttributeValue> edited = item(t, id);
        for (String name : List.of("createdAt", "updatedAt", "status", "source", "ownerId", "tags", "customFields")) {
            assertFalse(edited.containsKey(name), name + ": a user write leaves it in f alone, or (empty) not at all");
        }
        assertEquals(patched.data(), t.client().get("/api/v2/leads/" + id).data());
        assertTrue(patched.data().path("score").asLong() == 10);
    }

    private static String created(TestTenant t, Map<String, Object> body) {
        ApiResponse r = t.client().post("/api/v2/leads", body);
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    private static void event(TestTenant t, String leadId, Instant at) {
        ApiResponse posted = t.client().post("/api/v2/events", Map.of("events", List.of(
                Map.of("leadId", leadId, "type", "page_view", "occurredAt", at.toString()))));
        assertEquals(202, posted.status(), posted.toString());
    }

    private static List<String> listed(TestTenant t, String query) {
        ApiResponse r = t.client().get("/api/v2/leads?" + query);
        assertEquals(200, r.status(), r.toString());
        List<String> ids = new ArrayList<>();
        r.data().path("leads").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }
}
