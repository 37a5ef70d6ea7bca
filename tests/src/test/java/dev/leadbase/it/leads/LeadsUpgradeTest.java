package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.Intercept;
import dev.leadbase.it.TestTenant;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.shared.errors.ValidationFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The upgrade from the previous storage layout (LeadsUpgradeFunction, invoked through its handler): leads whose items
 * are only in a "previous" table keyed like the old LeadsTable (in its layout), while the LeadIndex table (counters, email items,
 * search entries) already knows them, are served again once copied; the copy resumes, stops when done, and copies each
 * lead exactly once even when a run dies after a commit.
 */
class LeadsUpgradeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Today's leads table, where the upgrade copies to. */
    private static final String LEADS_TABLE = "LeadItemsTable";
    /** Index partition keys: tenant-based in the previous layout, ending in {@code #shard} in today's. */
    private static final List<String> PARTITION_KEYS = List.of("statusPk", "sourcePk", "statusSourcePk", "ownerPk",
            "companyIdPk");

    @Test
    void copiesEveryLeadInResumedStepsWithItsFieldsAndScoresAndNeverAgainOnceDone() {
        TestTenant t = Fixture.newTenant(0);
        ApiClient api = t.client();
        ApiResponse ruleset = api.post("/api/v2/scoring/rulesets", obj("name", "Engagement", "type", "engagement",
                "primary", true, "rules", List.of(obj("eventType", "page_view", "points", 10))));
        assertEquals(201, ruleset.status(), ruleset.toString());
        // the new rule set's re-score of the tenant's leads runs in the background: let it end before the leads exist,
        // or it could give some of them score fields while the snapshots below are taken
        Fixture.drained(WAIT, "RescoreQueue");
        List<String> ids = new ArrayList<>();
        String[] statuses = {"new", "contacted", "qualified", "new", "cold", "new", "lost"};
        String[] sources = {"linkedin", "website", "referral", "import", "api", "website", "linkedin"};
        for (int i = 0; i < statuses.length; i++) {
            ApiResponse created = api.post("/api/v2/leads", obj("firstName", "Up" + (char) ('a' + i), "lastName", "Grade",
                    "email", "up" + i + "@upgrade.example", "company", "Old Layout " + (i % 3), "title", "Engineer",
                    "status", statuses[i], "source", sources[i], "tags", List.of("t" + (i % 2)),
                    "customFields", obj("rank", i), "lastContactedAt", i % 2 == 0 ? "2024-01-1" + i + "T09:15:00Z" : null));
            assertEquals(201, created.status(), created.toString());
            ids.add(created.data().path("id").asText());
        }
        ApiResponse events = api.post("/api/v2/events", obj("events", List.of(
                obj("leadId", ids.get(0), "type", "page_view"), obj("leadId", ids.get(0), "type", "page_view"),
                obj("leadId", ids.get(3), "type", "page_view"))));
        assertEquals(202, events.status(), events.toString());
        Fixture.eventually(WAIT, "leads scored", () -> api.get("/api/v2/leads/" + ids.get(0)).data().path("score").asLong() == 20
                && api.get("/api/v2/leads/" + ids.get(3)).data().path("score").asLong() == 10);
        Fixture.drained(WAIT, "EventsQueue");
        Fixture.awaitIndexes();
        Map<String, JsonNode> before = leads(api, ids);
        List<String> lists = List.of("/api/v2/leads?limit=100", "/api/v2/leads?limit=100&sortBy=score",
                "/api/v2/leads?limit=100&sortBy=lastName&sortOrder=asc", "/api/v2/leads?limit=100&status=new",
                "/api/v2/leads?limit=100&source=website", "/api/v2/leads?limit=100&tag=t1");
        Map<String, JsonNode> listedBefore = lists(api, lists);
        assertEquals(7, listedBefore.get(lists.get(0)).path("pagination").path("total").asLong());

        String previous = previousTable();
        moveToPrevious(t, ids, previous);
        assertEquals(404, api.get("/api/v2/leads/" + ids.get(0)).status(), "before the upgrade the lead is not served");

        LocalFunction upgrade = upgrade(previous, Fixture.runtime().dynamo());
        Map<String, Object> first = invoke(upgrade, Map.of("maxItems", 3));
        assertEquals(3, first.get("copied"), first.toString());
        assertEquals(0, first.get("skipped"));
        assertEquals(false, first.get("done"));
        assertNotNull(first.get("cursor"));
        String stale = ids.stream().map(id -> t.tenantId() + "/" + id).filter(c -> !c.equals(first.get("cursor")))
                .findFirst().orElseThrow();
        assertThrows(ValidationFailed.class, () -> invoke(upgrade, Map.of("cursor", stale)),
                "a cursor other than the stored position is refused (replayed, it could bring back deleted leads)");
        Map<String, Object> second = invoke(upgrade, Map.of("cursor", first.get("cursor")));
        assertEquals(4, second.get("copied"), second.toString());
        assertEquals(true, second.get("done"));
        assertNull(second.get("cursor"));
        assertEquals(7L, ((Number) second.get("totalCopied")).longValue());

        for (String id : ids) {
            Map<String, AttributeValue> copied = item(LEADS_TABLE, t.tenantId(), id);
            int shard = Math.floorMod(id.hashCode(), 8);
            assertEquals(String.valueOf(shard), copied.get("shard").n(), "placed in the shard of the tenant's 8");
            assertEquals(t.tenantId() + "#" + shard, copied.get("shardPk").s());
            assertTrue(copied.get("f").hasM() && !copied.containsKey("companyNorm"), copied.toString());
            assertEquals(legacy(copied), item(previous, t.tenantId(), id, true), "nothing else changed");
        }
        Fixture.awaitIndexes();
        assertEquals(before, leads(api, ids), "every field, score and version as before");
        assertEquals(listedBefore, lists(api, lists), "every list, order and total as before");

        Map<String, Object> again = invoke(upgrade, Map.of());
        assertEquals(0, again.get("copied"), again.toString());
        assertEquals(true, again.get("done"));
        assertEquals(200, api.delete("/api/v2/leads/" + ids.get(2)).status());
        Map<String, Object> afterDelete = invoke(upgrade, Map.of());
        assertEquals(0, afterDelete.get("copied"), afterDelete.toString());
        assertEquals(404, api.get("/api/v2/leads/" + ids.get(2)).status(), "a lead deleted after its copy stays deleted");
        Fixture.awaitIndexes();
        assertEquals(6, api.get("/api/v2/leads?limit=100").data().path("pagination").path("total").asLong());
        assertEquals(6, api.get("/api/v2/leads?limit=100").data().path("leads").size());
    }

    @Test
    void aRunThatDiesAfterACommitIsRerunAndCopiesTheRestExactlyOnceNeverOverwritingALead() {
        TestTenant t = Fixture.newTenant(0);
        ApiClient api = t.client();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(obj("firstName", "Kill" + i, "lastName", "Rerun", "email", "kill" + i + "@upgrade.example",
                    "status", i % 3 == 0 ? "contacted" : "new", "source", "import"));
        }
        ApiResponse batch = api.post("/api/v2/leads/batch", obj("leads", bodies));
        assertEquals(60, batch.data().path("summary").path("created").asInt(), batch.toString());
        List<String> ids = new ArrayList<>();
        batch.data().path("results").forEach(r -> ids.add(r.path("lead").path("id").asText()));
        assertEquals(60, ids.stream().distinct().count(), batch.toString());
        String previous = previousTable();
        // one lead is in both tables: today's copy (written since the upgrade began) must win over the old one
        String kept = ids.get(0);
        moveToPrevious(t, ids.subList(1, ids.size()), previous);
        Map<String, AttributeValue> old = legacy(item(LEADS_TABLE, t.tenantId(), kept));
        old.put("firstName", AttributeValue.fromS("Stale"));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(previous).item(old));

        AtomicInteger commits = new AtomicInteger();
        DynamoDbClient dying = Intercept.around(DynamoDbClient.class, Fixture.runtime().dynamo(), (method, result) -> {
            if (method.equals("transactWriteItems") && result != null && commits.incrementAndGet() == 2) {
                throw new IllegalStateException("killed after its second commit");
            }
            return null;
        });
        assertThrows(IllegalStateException.class, () -> invoke(upgrade(previous, dying), Map.of("maxItems", 1000)));
        assertEquals(2, commits.get());

        Map<String, Object> rerun = invoke(upgrade(previous, Fixture.runtime().dynamo()), Map.of());
        assertEquals(true, rerun.get("done"), rerun.toString());
        assertEquals(59L, ((Number) rerun.get("totalCopied")).longValue(), rerun.toString());
        assertEquals(1L, ((Number) rerun.get("totalSkipped")).longValue(), rerun.toString());
        assertEquals(60 - 50, ((Number) rerun.get("copied")).intValue() + ((Number) rerun.get("skipped")).intValue(),
                "the rerun starts exactly after the last commit: " + rerun);
        assertEquals("Kill0", api.get("/api/v2/leads/" + kept).data().path("firstName").asText(), "never overwritten");
        for (String id : ids) {
            assertEquals(200, api.get("/api/v2/leads/" + id).status(), id);
        }
        Fixture.awaitIndexes();
        JsonNode page = api.get("/api/v2/leads?limit=100").data();
        assertEquals(60, page.path("pagination").path("total").asLong());
        assertEquals(60, page.path("leads").size());
        assertEquals(20, api.get("/api/v2/leads?limit=100&status=contacted").data().path("leads").size());
    }

    @Test
    void withoutAPreviousTableThereIsNothingToCopy() {
        Map<String, Object> result = invoke(Fixture.runtime().function("LeadsUpgradeFunction"), Map.of());
        assertEquals(Map.of("copied", 0, "skipped", 0, "done", true, "totalCopied", 0L, "totalSkipped", 0L),
                withoutNulls(result));
        assertThrows(ValidationFailed.class, () -> invoke(Fixture.runtime().function("LeadsUpgradeFunction"),
                Map.of("limit", 5)), "an unknown field is refused");
    }

    // ------------------------------------------------------------------ helpers

    /** The upgrade function of the template in a container whose PreviousLeadsTableName is {@code previous}. */
    private static LocalFunction upgrade(String previous, DynamoDbClient dynamo) {
        return Fixture.runtime().function("LeadsUpgradeFunction").over(dynamo, Map.of("PREVIOUS_LEADS_TABLE", previous));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(LocalFunction function, Map<String, Object> event) {
        return (Map<String, Object>) function.invoke(new HashMap<>(event));
    }

    /** A table keyed like the previous layout's LeadsTable (tenantId, leadId). */
    private static String previousTable() {
        String name = "PreviousLeads-" + UUID.randomUUID();
        Fixture.runtime().dynamo().createTable(c -> c.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("leadId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH),
                        k -> k.attributeName("leadId").keyType(KeyType.RANGE)));
        return name;
    }

    /**
     * The state right after deploying the new layout: the lead items are only in the previous table (in its layout),
     * their counters, email items and search entries in the LeadIndex table as they were.
     */
    private static void moveToPrevious(TestTenant t, List<String> ids, String previous) {
        DynamoDbClient dynamo = Fixture.runtime().dynamo();
        for (String id : ids) {
            Map<String, AttributeValue> item = legacy(item(LEADS_TABLE, t.tenantId(), id));
            dynamo.putItem(p -> p.tableName(previous).item(item));
            dynamo.deleteItem(d -> d.tableName(Fixture.runtime().tableName(LEADS_TABLE)).key(key(t.tenantId(), id)));
        }
        Fixture.runtime().awaitQuiet(WAIT);
    }

    /**
     * A lead item of today's layout as the previous layout held it: no shard, no {@code shardPk}, no {@code f}; the
     * index partition keys without their {@code #shard}; the folded company and title, the times, status, source,
     * owner and tags at the top level.
     */
    private static Map<String, AttributeValue> legacy(Map<String, AttributeValue> today) {
        Map<String, AttributeValue> item = new HashMap<>(today);
        String shard = "#" + item.remove("shard").n();
        item.remove("shardPk");
        Map<String, AttributeValue> f = item.remove("f").m();
        for (String name : PARTITION_KEYS) {
            if (item.containsKey(name)) {
                String value = item.get(name).s();
                assertTrue(value.endsWith(shard), name + " " + value);
                item.put(name, AttributeValue.fromS(value.substring(0, value.length() - shard.length())));
            }
        }
        for (String name : List.of("companyNorm", "titleNorm", "createdAt", "updatedAt", "status", "source", "ownerId", "tags")) {
            if (f.containsKey(name)) {
                item.put(name, f.get(name));
            }
        }
        return item;
    }

    private static Map<String, AttributeValue> item(String logicalId, String tenantId, String leadId) {
        return item(Fixture.runtime().tableName(logicalId), tenantId, leadId, true);
    }

    private static Map<String, AttributeValue> item(String table, String tenantId, String leadId, boolean consistent) {
        Map<String, AttributeValue> item = Fixture.runtime().dynamo().getItem(g -> g.consistentRead(consistent)
                .tableName(table).key(key(tenantId, leadId))).item();
        assertTrue(item != null && !item.isEmpty(), leadId);
        return item;
    }

    private static Map<String, AttributeValue> key(String tenantId, String leadId) {
        return Map.of("tenantId", AttributeValue.fromS(tenantId), "leadId", AttributeValue.fromS(leadId));
    }

    private static Map<String, JsonNode> leads(ApiClient api, List<String> ids) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String id : ids) {
            ApiResponse r = api.get("/api/v2/leads/" + id);
            assertEquals(200, r.status(), r.toString());
            out.put(id, r.data());
        }
        return out;
    }

    private static Map<String, JsonNode> lists(ApiClient api, List<String> paths) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String path : paths) {
            ApiResponse r = api.get(path);
            assertEquals(200, r.status(), r.toString());
            out.put(path, r.data());
        }
        return out;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
