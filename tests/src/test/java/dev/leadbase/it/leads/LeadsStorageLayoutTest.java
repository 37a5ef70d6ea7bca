package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.leads.store.LeadCounters;
import dev.leadbase.leads.store.LeadItemWriter;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.scoring.domain.LastEvent;
import dev.leadbase.scoring.domain.LeadScoreSummary;
import dev.leadbase.scoring.domain.LeadScoresChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The lead item as storage v2 lays it out: the shard chosen at create from the tenant's lead shards, index partition
 * keys ending in that shard, the filterable copy {@code f} the indexes project, counters in the lead's shard; and a
 * score write that moves only the entries keyed by the score and the last event.
 */
class LeadsStorageLayoutTest {
    private static final int SHARDS = 4;

    private static DynamoDbClient dynamo() {
        return Fixture.runtime().dynamo();
    }

    private static String table() {
        return Fixture.runtime().tableName("LeadItemsTable");
    }

    private static TestTenant tenantWithShards(int shards) {
        ApiResponse created = Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", "sharded", "credits", 0, "leadShards", shards));
        assertEquals(201, created.status(), created.toString());
        assertEquals(shards, created.data().path("leadShards").asInt());
        return Fixture.withKey(created.data().path("tenantId").asText(), "user_1", "tenant");
    }

    private static Map<String, AttributeValue> item(String tenantId, String leadId) {
        return dynamo().getItem(g -> g.tableName(table()).consistentRead(true)
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId), "leadId", AttributeValue.fromS(leadId)))).item();
    }

    private static Map<String, AttributeValue> counter(String tenantId, String sk) {
        return dynamo().getItem(g -> g.tableName(Fixture.runtime().tableName("LeadIndexTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(tenantId + "#counts"), "sk", AttributeValue.fromS(sk)))).item();
    }

    /** The sort keys of the tenant's counter items, in order. */
    private static List<String> counterItems(String tenantId) {
        return dynamo().query(q -> q.tableName(Fixture.runtime().tableName("LeadIndexTable")).consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(tenantId + "#counts"))))
                .items().stream().map(i -> i.get("sk").s()).toList();
    }

    private static long count(String tenantId, String sk) {
        Map<String, AttributeValue> item = counter(tenantId, sk);
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("n").n());
    }

    @Test
    void createStoresTheShardOfTheTenantsKShardedIndexKeysTheFilterableCopyAndShardedCounters() {
        TestTenant t = tenantWithShards(SHARDS);
        ApiResponse created = t.client().post("/api/v2/leads", obj("firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@engines.io", "company", "Analytical Engines", "title", "Chief Programmer",
                "phone", "+44 20 7946 0000", "status", "contacted", "source", "referral", "tags", List.of("vip", "math"),
                "lastContactedAt", "2026-11-30T10:00:00.000Z"));
        assertEquals(201, created.status(), created.toString());
        String id = created.data().path("id").asText();
        int k = Math.floorMod(id.hashCode(), SHARDS);
        String tenant = t.tenantId();

        Map<String, AttributeValue> item = item(tenant, id);
        assertEquals(String.valueOf(k), item.get("shard").n());
        assertEquals(tenant + "#" + k, item.get("shardPk").s());
        assertEquals(tenant + "#contacted#" + k, item.get("statusPk").s());
        assertEquals(tenant + "#referral#" + k, item.get("sourcePk").s());
        assertEquals(tenant + "#contacted#referral#" + k, item.get("statusSourcePk").s());
        assertEquals(tenant + "#user_1#" + k, item.get("ownerPk").s());
        assertFalse(item.containsKey("companyIdPk"), "no company id: not in ByCompanyId");
        assertFalse(item.containsKey("companyNorm") || item.containsKey("titleNorm"), "folded copies live in f only");
        Map<String, AttributeValue> f = item.get("f").m();
        assertEquals(new TreeSet<>(Set.of("status", "source", "ownerId", "companyNorm", "titleNorm", "tags", "phone",
                "createdAt", "updatedAt", "lastContactedAt")), new TreeSet<>(f.keySet()));
        assertEquals("contacted", f.get("status").s());
        assertEquals("referral", f.get("source").s());
        assertEquals("user_1", f.get("ownerId").s());
        assertEquals("analytical engines", f.get("companyNorm").s());
        assertEquals("chief programmer", f.get("titleNorm").s());
        assertEquals(List.of("vip", "math"), f.get("tags").l().stream().map(AttributeValue::s).toList());
        assertTrue(f.get("phone").bool());
        assertEquals(created.data().path("createdAt").asText(), f.get("createdAt").s());
        assertEquals(created.data().path("updatedAt").asText(), f.get("updatedAt").s());
        for (String name : List.of("createdAt", "updatedAt", "status", "source", "ownerId", "tags")) {
            assertFalse(item.containsKey(name), name + " lives in f only");
        }
        assertFalse(item.containsKey("sc") || item.containsKey("engagementScores"), "no score fields before a score write");
        assertEquals("2026-11-30T10:00:00.000Z", f.get("lastContactedAt").s());

        // four counter items in the lead's shard, each counting it and its source: nothing else under tenant#counts
        List<String> counters = List.of("leads", "leads#owner#user_1", "leads#owner#user_1#status#contacted",
                "leads#status#contacted");
        for (String name : counters) {
            Map<String, String> counts = new TreeMap<>();
            counter(tenant, name + "\u0001" + k).forEach((a, v) -> counts.put(a, v.n() == null ? v.s() : v.n()));
            assertEquals(Map.of("pk", tenant + "#counts", "sk", name + "\u0001" + k, "n", "1", "source#referral", "1"),
                    counts, name + " counts the lead and its source in the lead's shard");
        }
        assertEquals(counters.stream().map(name -> name + "\u0001" + k).toList(), counterItems(tenant),
                "one create touches four counter items");
        Fixture.awaitIndexes(); // the index entries, and the totals (read eventually)
        LeadCounters totals = new LeadCounters(dynamo(), Fixture.runtime().tableName("LeadIndexTable"));
        assertEquals(1, totals.total(tenant, "leads"));
        assertEquals(1, totals.total(tenant, "leads#status#contacted"));
        assertEquals(0, totals.total(tenant, "leads#status#new"));
        assertEquals(1, totals.total(tenant, LeadKeys.LeadCount.of(null, null, "referral")));
        assertEquals(1, totals.total(tenant, LeadKeys.LeadCount.of("user_1", "contacted", "referral")));
        assertEquals(0, totals.total(tenant, LeadKeys.LeadCount.of(null, "contacted", "api")));

        var entries = dynamo().query(q -> q.tableName(table()).indexName("ByCreated")
                .keyConditionExpression("shardPk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(tenant + "#" + k))))
                .items();
        assertEquals(1, entries.size());
        assertEquals(new TreeSet<>(Set.of("tenantId", "leadId", "shardPk", "createdKey", "f")), new TreeSet<>(entries.get(0).keySet()),
                "an index entry holds its keys and f alone");
    }

    @Test
    void aTenantsLeadsSpreadOverItsShardsAndTotalsSumTheShardsAndTheUnshardedCounter() {
        TestTenant t = tenantWithShards(SHARDS);
        Set<Integer> used = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            String id = t.client().post("/api/v2/leads", obj("email", "spread" + i + "@shards.io")).data().path("id").asText();
            int k = Integer.parseInt(item(t.tenantId(), id).get("shard").n());
            assertEquals(Math.floorMod(id.hashCode(), SHARDS), k);
            used.add(k);
        }
        assertTrue(used.size() > 1, "12 leads over 4 shards use more than one: " + used);
        long sum = 0;
        for (int k = 0; k < SHARDS; k++) {
            sum += count(t.tenantId(), "leads\u0001" + k);
        }
        assertEquals(12, sum);

        // a counter written before counters were sharded is served as it is
        dynamo().putItem(p -> p.tableName(Fixture.runtime().tableName("LeadIndexTable")).item(Map.of(
                "pk", AttributeValue.fromS(t.tenantId() + "#counts"), "sk", AttributeValue.fromS("leads"),
                "n", AttributeValue.fromN("5"))));
        Fixture.awaitIndexes(); // a total is read eventually, as the page's index entries are
        assertEquals(17, new LeadCounters(dynamo(), Fixture.runtime().tableName("LeadIndexTable")).total(t.tenantId(), "leads"));
    }

    @Test
    void totalsByAnyFilterCountLeadsWhoseCountersWereWrittenBeforeSourceCountsMovedIntoTheCounterItems() {
        TestTenant t = tenantWithShards(SHARDS);
        String a = t.client().post("/api/v2/leads", obj("email", "old-sharded@counts.io", "status", "new",
                "source", "referral", "ownerId", "ana")).data().path("id").asText();
        String b = t.client().post("/api/v2/leads", obj("email", "old-unsharded@counts.io", "status", "contacted",
                "source", "api")).data().path("id").asText();
        String c = t.client().post("/api/v2/leads", obj("email", "new@counts.io", "status", "new",
                "source", "referral")).data().path("id").asText();
        // a and b counted as the layout before did: a in its shard's items, b in the unsharded items of sharding's start
        writtenBefore(t.tenantId(), a, "new", "referral", "ana", true);
        writtenBefore(t.tenantId(), b, "contacted", "api", "user_1", false);
        // both moved by the current layout: a changes source, b is deleted
        ApiResponse patched = t.client().patch("/api/v2/leads/" + a, obj("source", "website"));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(200, t.client().delete("/api/v2/leads/" + b).status());

        Fixture.awaitIndexes(); // the page's entries and the totals are read eventually
        Fixture.awaitStaleReads();
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("", 2);
        expected.put("status=new", 2);
        expected.put("status=contacted", 0);
        expected.put("source=referral", 1);
        expected.put("source=website", 1);
        expected.put("source=api", 0);
        expected.put("status=new&source=referral", 1);
        expected.put("status=new&source=website", 1);
        expected.put("status=contacted&source=api", 0);
        expected.put("ownerId=ana", 1);
        expected.put("ownerId=ana&source=website", 1);
        expected.put("ownerId=ana&source=referral", 0);
        expected.put("ownerId=ana&status=new&source=website", 1);
        expected.put("ownerId=user_1&source=referral", 1);
        expected.put("ownerId=user_1&status=contacted&source=api", 0);
        expected.forEach((query, leads) -> {
            ApiResponse list = t.client().get("/api/v2/leads?" + query);
            assertEquals(leads, list.data().path("leads").size(), query + ": " + list);
            assertEquals(leads, list.data().path("pagination").path("total").asInt(), query + ": " + list);
        });
        assertEquals(List.of(c), List.of(t.client().get("/api/v2/leads?source=referral").data().path("leads").path(0)
                .path("id").asText()));
    }

    /**
     * Rewrites the counters of a lead created now as the layout before source counts moved into the counter items wrote
     * them: its own items {@code <counter>#source#<source>} in its shard ({@code sharded}) or without a shard (as before
     * counters were sharded), and no source count in the items of its other counters.
     */
    private static void writtenBefore(String tenantId, String leadId, String status, String source, String owner,
            boolean sharded) {
        int k = Math.floorMod(leadId.hashCode(), SHARDS);
        for (String base : List.of("leads", "leads#owner#" + owner)) {
            for (String name : List.of(base, base + "#status#" + status)) {
                add(tenantId, name + "\u0001" + k, "source#" + source, -1);
                if (!sharded) {
                    add(tenantId, name + "\u0001" + k, "n", -1);
                    add(tenantId, name, "n", 1);
                }
                String former = name + "#source#" + source;
                add(tenantId, sharded ? former + "\u0001" + k : former, "n", 1);
            }
        }
    }

    private static void add(String tenantId, String sk, String attribute, long delta) {
        dynamo().updateItem(u -> u.tableName(Fixture.runtime().tableName("LeadIndexTable"))
                .key(Map.of("pk", AttributeValue.fromS(tenantId + "#counts"), "sk", AttributeValue.fromS(sk)))
                .updateExpression("ADD #a :d").expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN(Long.toString(delta)))));
    }

    @Test
    void aTenantCreatedWithoutLeadShardsHasEight() {
        ApiResponse created = Fixture.admin().post("/api/v2/admin/tenants", Map.of("name", "default shards"));
        assertEquals(201, created.status(), created.toString());
        assertEquals(8, created.data().path("leadShards").asInt());
    }

    @Test
    void patchKeepsTheShardAndMovesKeysFilterableValuesAndCountersWithinIt() {
        TestTenant t = tenantWithShards(SHARDS);
        String id = t.client().post("/api/v2/leads", obj("email", "moves@shards.io", "title", "Engineer", "phone", "+1 555 0100"))
                .data().path("id").asText();
        int k = Math.floorMod(id.hashCode(), SHARDS);

        ApiResponse patched = t.client().patch("/api/v2/leads/" + id, obj("status", "qualified", "title", "Head of Ops",
                "phone", null, "tags", List.of("hot")));
        assertEquals(200, patched.status(), patched.toString());

        Map<String, AttributeValue> item = item(t.tenantId(), id);
        assertEquals(String.valueOf(k), item.get("shard").n());
        assertEquals(t.tenantId() + "#qualified#" + k, item.get("statusPk").s());
        assertEquals(t.tenantId() + "#qualified#api#" + k, item.get("statusSourcePk").s());
        Map<String, AttributeValue> f = item.get("f").m();
        assertEquals("qualified", f.get("status").s());
        assertEquals("head of ops", f.get("titleNorm").s());
        assertFalse(f.containsKey("phone"), "a removed phone leaves f");
        assertEquals(List.of("hot"), f.get("tags").l().stream().map(AttributeValue::s).toList());
        assertEquals(patched.data().path("updatedAt").asText(), f.get("updatedAt").s());
        assertFalse(item.containsKey("updatedAt"), "the time lives in f only");
        assertEquals(0, count(t.tenantId(), "leads#status#new\u0001" + k));
        assertEquals(1, count(t.tenantId(), "leads#status#qualified\u0001" + k));
        assertEquals(1, count(t.tenantId(), "leads\u0001" + k));
    }

    @Test
    void aScoreWriteRewritesOnlyTheLeadItemAndItsScoreAndLastEventEntriesAndLeavesFAlone() {
        TestTenant t = tenantWithShards(SHARDS);
        String id = t.client().post("/api/v2/leads", obj("email", "scored@shards.io", "company", "Acme", "tags", List.of("a")))
                .data().path("id").asText();
        Map<String, AttributeValue> before = item(t.tenantId(), id);

        Instant at = Instant.parse("2026-11-30T12:00:00.000Z");
        var write = LeadItemWriter.besideUserFields(dynamo(), table()).scores(new LeadScoresChange(t.tenantId(), id, 0,
                new LeadScoreSummary(42, "warm", Map.of("rs_1", 42L), Map.of(), Map.of("rs_1", "web"), "web", null),
                LastEvent.of(at, "page_view")));
        TransactWriteItemsResponse r = dynamo().transactWriteItems(x -> x.transactItems(write)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));

        Set<String> indexes = new TreeSet<>();
        for (ConsumedCapacity c : r.consumedCapacity()) {
            if (c.hasGlobalSecondaryIndexes()) {
                indexes.addAll(c.globalSecondaryIndexes().keySet());
            }
        }
        assertEquals(new TreeSet<>(Set.of("ByScore", "ByLastEvent")), indexes, "the only index entries written: " + r.consumedCapacity());

        Map<String, AttributeValue> after = item(t.tenantId(), id);
        assertEquals("42", after.get("sc").m().get("s").n());
        assertEquals(before.get("f"), after.get("f"));
        for (String key : List.of("shard", "shardPk", "statusPk", "sourcePk", "statusSourcePk", "ownerPk", "createdKey",
                "updatedKey", "version")) {
            assertEquals(before.get(key), after.get(key), key);
        }
        Fixture.awaitIndexes();
        var byScore = dynamo().query(q -> q.tableName(table()).indexName("ByScore")
                .keyConditionExpression("shardPk = :p").expressionAttributeValues(Map.of(":p", after.get("shardPk")))).items();
        assertEquals(1, byScore.size());
        assertEquals(after.get("scoreKey"), byScore.get(0).get("scoreKey"));
        assertFalse(byScore.get(0).containsKey("score"), "score fields are never projected");
    }

    @Test
    void anOwnersTotalCountsNoOtherOwnerWhoseIdBeginsWithIts() {
        TestTenant t = tenantWithShards(SHARDS);
        // owner ids are free text: "ana", "ana@acme.io" and "ana#status#new" are three owners
        List<String> owners = List.of("ana", "ana@acme.io", "ana@acme.io", "ana#x", "ana1");
        for (int i = 0; i < owners.size(); i++) {
            ApiResponse made = t.client().post("/api/v2/leads",
                    Map.of("email", "owner" + i + "@example.com", "ownerId", owners.get(i)));
            assertEquals(201, made.status(), made.toString());
        }
        Fixture.awaitIndexes(); // a total is read eventually, as the page's index entries are
        assertEquals(1, t.client().get("/api/v2/leads?ownerId=ana").data().path("pagination").path("total").asInt());
        assertEquals(2, t.client().get("/api/v2/leads?ownerId=ana%40acme.io").data().path("pagination").path("total").asInt());
        assertEquals(1, t.client().get("/api/v2/leads?ownerId=ana1").data().path("pagination").path("total").asInt());
        assertEquals(5, t.client().get("/api/v2/leads").data().path("pagination").path("total").asInt());
    }
}
