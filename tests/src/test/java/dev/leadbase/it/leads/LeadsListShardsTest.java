package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static dev.leadbase.it.leads.LeadData.fold;
import static dev.leadbase.it.leads.LeadData.ids;
import static dev.leadbase.it.leads.LeadData.q;
import static dev.leadbase.it.leads.LeadData.text;
import static dev.leadbase.it.leads.LeadData.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.shared.http.QueryParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lists of a tenant whose leads are spread over five lead shards, K then raised to 7 (lists query seven shards, two of
 * them empty): each list merges the shards into exactly the order of one sort of every lead by (key, id), by cursor and
 * by {@code page=N}, with exact totals, and so does a search (its entries are in the leads' shards too); its cursors
 * refuse tampering; an index entry whose lead no longer matches it is never shown.
 */
class LeadsListShardsTest {
    private static final int LEADS = 64;
    private static final String[] STATUSES = {"new", "contacted", "replied", "qualified", "lost"};
    private static final String[] FIRST = {"Zoë", "adam", "Émile", "Bob", null, "anna", "Chris"};
    private static final String[] LAST = {"Lee", "Müller", "Doe", "Zhang"};
    private static final String[] COMPANIES = {"Globex", "Ácme", null, "Tech Corp"};

    private static TestTenant tenant;
    private static ApiClient api;
    private static List<JsonNode> all;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void aTenantWithLeadsInFiveShardsThenSevenShards() throws Exception {
        dynamo = Fixture.runtime().dynamo();
        tenant = Fixture.newTenant(0);
        api = tenant.client();
        Instant now = Instant.now();
        setShards(tenant.tenantId(), 5);
        for (int half = 0; half < 2; half++) {
            List<Map<String, Object>> leads = new ArrayList<>();
            for (int i = half * LEADS / 2; i < (half + 1) * LEADS / 2; i++) {
                Map<String, Object> lead = obj("firstName", FIRST[i % FIRST.length], "lastName", LAST[i % LAST.length],
                        "email", "s" + i + "@shards.io", "company", COMPANIES[i % COMPANIES.length],
                        "status", STATUSES[i % STATUSES.length], "tags", i % 3 == 0 ? List.of("vip") : List.of());
                if (i % 2 == 0) {
                    lead.put("lastContactedAt", now.minus(Duration.ofHours(i * 7L % 50)).toString());
                }
                leads.add(lead);
            }
            ApiResponse r = api.post("/api/v2/leads/batch", obj("leads", leads));
            assertEquals(200, r.status(), r.toString());
            assertEquals(LEADS / 2, r.data().path("summary").path("created").asInt(), r.toString());
            Thread.sleep(5);
        }
        setShards(tenant.tenantId(), 7);
        Fixture.awaitIndexes();
        all = LeadData.walkByCursor(api, "", 100);
        assertEquals(LEADS, all.size());
        Set<Long> shards = new HashSet<>();
        for (JsonNode lead : all) {
            shards.add(Long.parseLong(leadItem(tenant.tenantId(), text(lead, "id")).get("shard").n()));
        }
        assertTrue(shards.size() >= 4 && shards.stream().allMatch(k -> k < 5), "the leads are spread over five shards: " + shards);
    }

    // ------------------------------------------------------------------ order

    @Test
    void everySortByCursorAndByPageIsOneSortOfEveryLeadByKeyThenId() {
        Map<String, Comparator<JsonNode>> sorts = new LinkedHashMap<>();
        sorts.put("createdAt", byTime("createdAt"));
        sorts.put("updatedAt", byTime("updatedAt"));
        sorts.put("lastContactedAt", byTime("lastContactedAt"));
        sorts.put("firstName", byText("firstName"));
        sorts.put("lastName", byText("lastName"));
        sorts.put("company", Comparator.comparing((JsonNode l) -> fold(text(l, "company")), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(l -> time(l, "createdAt")).thenComparing(l -> text(l, "id")));
        sorts.forEach((sortBy, order) -> {
            for (boolean asc : new boolean[] {true, false}) {
                String query = "sortBy=" + sortBy + "&sortOrder=" + (asc ? "asc" : "desc");
                List<String> expected = ids(sorted(all, order, asc));
                assertEquals(expected, ids(LeadData.walkByCursor(api, query, 7)), query + " by cursor");
                assertEquals(expected, ids(LeadData.walkByPage(api, query, 7)), query + " by page");
            }
        });
    }

    @Test
    void filteredListsKeepTheMergedOrderAcrossPages() {
        Map<String, Predicate<JsonNode>> filters = new LinkedHashMap<>();
        filters.put("status=new", l -> "new".equals(text(l, "status")));
        filters.put("tag=vip", l -> hasTag(l, "vip"));
        filters.put("status=contacted&sortBy=firstName&sortOrder=asc", l -> "contacted".equals(text(l, "status")));
        filters.put("company=" + q("ACME") + "&sortOrder=asc", l -> "acme".equals(fold(text(l, "company"))));
        filters.forEach((query, matches) -> {
            Comparator<JsonNode> order = query.contains("firstName") ? byText("firstName") : byTime("createdAt");
            boolean asc = query.contains("asc");
            List<String> expected = ids(sorted(all.stream().filter(matches).toList(), order, asc));
            assertFalse(expected.isEmpty(), query);
            assertEquals(expected, ids(LeadData.walkByCursor(api, query, 4)), query + " by cursor");
            assertEquals(expected, ids(LeadData.walkByPage(api, query, 4)), query + " by page");
        });
    }

    @Test
    void searchesFindTheLeadsOfEveryShardInTheMergedOrderWithExactTotals() {
        Map<String, Predicate<JsonNode>> searches = new LinkedHashMap<>();
        searches.put("muller", l -> "muller".equals(fold(text(l, "lastName"))));
        searches.put("acme", l -> "acme".equals(fold(text(l, "company"))));
        searches.put("shards", l -> true);
        searches.put("an le", l -> "anna".equals(fold(text(l, "firstName"))) && "lee".equals(fold(text(l, "lastName"))));
        searches.put("zh tech", l -> "zhang".equals(fold(text(l, "lastName"))) && "tech corp".equals(fold(text(l, "company"))));
        searches.forEach((search, matches) -> {
            List<JsonNode> found = all.stream().filter(matches).toList();
            assertFalse(found.isEmpty(), search);
            for (boolean asc : new boolean[] {true, false}) {
                String query = "search=" + q(search) + "&sortOrder=" + (asc ? "asc" : "desc");
                List<String> expected = ids(sorted(found, byTime("createdAt"), asc));
                assertEquals(expected, ids(LeadData.walkByCursor(api, query, 5)), query + " by cursor");
                assertEquals(expected, ids(LeadData.walkByPage(api, query, 5)), query + " by page");
            }
            assertEquals(found.size(), api.get("/api/v2/leads?limit=1&search=" + q(search)).data().path("pagination")
                    .path("total").asLong(), search);
        });
    }

    // ------------------------------------------------------------------ totals and cost

    @Test
    void totalsCountEveryShardExactly() {
        Map<String, Predicate<JsonNode>> cases = new LinkedHashMap<>();
        cases.put("", l -> true);
        for (String status : STATUSES) {
            cases.put("status=" + status, l -> status.equals(text(l, "status")));
        }
        cases.put("tag=vip", l -> hasTag(l, "vip"));
        cases.put("company=globex", l -> "globex".equals(fold(text(l, "company"))));
        cases.put("sortBy=firstName&status=qualified", l -> "qualified".equals(text(l, "status")));
        cases.forEach((query, matches) -> assertEquals(all.stream().filter(matches).count(),
                api.get("/api/v2/leads?limit=1&" + query).data().path("pagination").path("total").asLong(), query));
    }

    @Test
    void aPageReadsOneLeadPerLeadReturnedAndReportsTheEntriesMergedApart() {
        var repository = LeadData.repository();
        LeadPage first = repository.list(parse("limit=10&sortBy=lastName"), null);
        assertEquals(10, first.leads().size());
        assertEquals(10, first.stats().scanned(), "leads read from the table");
        assertTrue(first.stats().entriesRead() >= 10, "entries merged: " + first.stats().entriesRead());
        LeadPage second = repository.list(parse("limit=10&sortBy=lastName"), first.nextPosition());
        assertEquals(10, second.stats().scanned());
        LeadPage page3 = repository.list(parse("limit=10&page=3&sortBy=lastName"), null);
        assertEquals(20, page3.stats().skipped(), "page 3 passes the entries of two pages, by their keys");
        assertEquals(10, page3.stats().scanned());
    }

    // ------------------------------------------------------------------ cursors

    @Test
    void aCursorOfAShardedListIsRefusedWhenTamperedWith() {
        String cursor = api.get("/api/v2/leads?limit=5&sortBy=firstName").data().path("pagination").path("nextCursor").asText();
        assertEquals(200, api.get("/api/v2/leads?limit=5&sortBy=firstName&cursor=" + q(cursor)).status());
        String body = cursor.substring(0, cursor.indexOf('.'));
        String mac = cursor.substring(cursor.indexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"p\":2"), json);
        String moved = Base64.getUrlEncoder().withoutPadding().encodeToString(json.replace("\"p\":2", "\"p\":3")
                .getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(moved + mac, body + "x" + mac, body.substring(1) + mac, body)) {
            ApiResponse r = api.get("/api/v2/leads?limit=5&sortBy=firstName&cursor=" + q(bad));
            assertEquals(400, r.status(), bad);
            assertTrue(r.body().path("details").path("invalidParams").has("cursor"), r.toString());
        }
    }

    // ------------------------------------------------------------------ stale entries

    @Test
    void anEntryWhoseLeadNoLongerMatchesIsSkippedAndThePageFilledFromTheEntriesAfterIt() {
        TestTenant other = Fixture.newTenant(0);
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            leads.add(obj("email", "stale" + i + "@shards.io", "firstName", "F" + (char) ('a' + i), "status", "new"));
        }
        assertEquals(200, other.client().post("/api/v2/leads/batch", obj("leads", leads)).status());
        Fixture.awaitIndexes();
        List<String> byCreated = ids(LeadData.walkByCursor(other.client(), "sortOrder=asc", 100));
        assertEquals(12, byCreated.size());
        // written around the application, as an index entry can lag its lead: the lead's status is no longer the one
        // its ByStatus entry is filed under, and another lead's creation time no longer the one its entries sort by
        String movedStatus = byCreated.get(1);
        String movedTime = byCreated.get(4);
        setAttribute(other.tenantId(), movedStatus, "f.status", AttributeValue.fromS("lost"));
        setAttribute(other.tenantId(), movedTime, "f.createdAt", AttributeValue.fromS("2001-01-01T00:00:00.000Z"));
        Fixture.awaitIndexes();

        List<String> newOnes = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse r = other.client().get("/api/v2/leads?status=new&sortOrder=asc&limit=3"
                    + (cursor == null ? "" : "&cursor=" + q(cursor)));
            assertEquals(200, r.status(), r.toString());
            JsonNode page = r.data().path("leads");
            for (JsonNode lead : page) {
                assertEquals("new", text(lead, "status"), lead.toString());
                newOnes.add(text(lead, "id"));
            }
            cursor = r.data().path("pagination").path("nextCursor").isNull() ? null
                    : r.data().path("pagination").path("nextCursor").asText();
            if (cursor != null) {
                assertEquals(3, page.size(), "a page with a skipped entry is filled from the next ones");
            }
        } while (cursor != null);
        List<String> expected = new ArrayList<>(byCreated);
        expected.remove(movedStatus);
        expected.remove(movedTime);
        assertEquals(expected, newOnes, "neither the lead now lost nor the one whose entry sorts elsewhere");

        JsonNode first = other.client().get("/api/v2/leads?sortOrder=asc&limit=5").data();
        List<String> firstFive = new ArrayList<>();
        first.path("leads").forEach(l -> firstFive.add(text(l, "id")));
        List<String> expectedFive = new ArrayList<>(byCreated);
        expectedFive.remove(movedTime);
        assertEquals(expectedFive.subList(0, 5), firstFive, "an entry whose sort key its lead no longer has is skipped");
    }

    // ------------------------------------------------------------------ helpers

    private static void setShards(String tenantId, int shards) {
        dynamo.updateItem(u -> u.tableName(Fixture.runtime().tableName("TenantsTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId)))
                .updateExpression("SET leadShards = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromN(Integer.toString(shards)))));
    }

    private static Map<String, AttributeValue> leadItem(String tenantId, String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(Fixture.runtime().tableName("LeadItemsTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId), "leadId", AttributeValue.fromS(leadId)))
                .consistentRead(true)).item();
        assertNotNull(item.get("shard"), "lead " + leadId + " has a shard");
        return item;
    }

    /** Sets an attribute, or with {@code map.name} a value in a map attribute, of the lead item. */
    private static void setAttribute(String tenantId, String leadId, String name, AttributeValue value) {
        String[] path = name.split("\\.");
        Map<String, String> names = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < path.length; i++) {
            names.put("#a" + i, path[i]);
            placeholders.add("#a" + i);
        }
        dynamo.updateItem(u -> u.tableName(Fixture.runtime().tableName("LeadItemsTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId), "leadId", AttributeValue.fromS(leadId)))
                .updateExpression("SET " + String.join(".", placeholders) + " = :v").expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":v", value)));
    }

    private static ListLeadsQuery parse(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return ListLeadsParams.parse(tenant.tenantId(), null, new QueryParams(params), Instant.now());
    }

    private static List<JsonNode> sorted(List<JsonNode> leads, Comparator<JsonNode> order, boolean asc) {
        List<JsonNode> copy = new ArrayList<>(leads);
        copy.sort(asc ? order : order.reversed());
        return copy;
    }

    private static Comparator<JsonNode> byTime(String field) {
        return Comparator.comparing((JsonNode l) -> time(l, field), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(l -> text(l, "id"));
    }

    private static Comparator<JsonNode> byText(String field) {
        Function<JsonNode, String> key = l -> fold(text(l, field));
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(l -> text(l, "id"));
    }

    private static boolean hasTag(JsonNode lead, String tag) {
        for (JsonNode t : lead.path("tags")) {
            if (t.asText().equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
