package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static dev.leadbase.it.leads.LeadData.ids;
import static dev.leadbase.it.leads.LeadData.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.leads.store.LeadItems;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.leads.store.LeadSearchIndex;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.errors.ValidationFailed;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The search upgrade (SearchUpgradeFunction, invoked through its handler): leads whose search entries are only those
 * of the layout before (word prefixes {@code <tenant>#w#…} and pairs {@code <tenant>#p#…}) are not found by a search
 * until the upgrade has indexed them; once it is done they are found with exact totals, no entry of the layout before
 * is left, and a further run changes nothing. Its position survives a run that dies between a step's writes and its
 * stored position.
 */
class SearchUpgradeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UPGRADE = "SearchUpgradeFunction";

    @Test
    void leadsInTheLayoutBeforeAreFoundOnceIndexedAndNoEntryOfThatLayoutRemains() {
        TestTenant t = Fixture.newTenant(0);
        Map<String, List<String>> words = new LinkedHashMap<>();
        String ada = create(t, words, "Ada", "Backfill", "Quarry Works", "Engineer");
        String bea = create(t, words, "Bea", "Backfill", "Quarry Works", "Designer");
        String cyd = create(t, words, "Cyd", "Backfill", "Orchard", "Engineer");
        String dov = create(t, words, "Dov", "Lantern", "Quarry Works", "Engineer");
        String eli = create(t, words, "Eli", "Lantern", "Orchard", "Designer");
        Map<String, Set<String>> searches = new LinkedHashMap<>();
        searches.put("backfill", Set.of(ada, bea, cyd));
        searches.put("quarry", Set.of(ada, bea, dov));
        searches.put("quarry engineer", Set.of(ada, dov));
        searches.put("backfill orchard", Set.of(cyd));
        searches.put("lan", Set.of(dov, eli));
        searches.put("designer eli", Set.of(eli));
        searches.put("ada", Set.of(ada));
        Fixture.awaitIndexes();
        searches.forEach((search, found) -> assertEquals(found, search(t, search), search));

        toLayoutBefore(t, words);
        // an entry of the layout before whose lead is gone: no lead's indexing touches it, only the upgrade's sweep
        putEntry(t.tenantId() + "#w#zz", "2024-01-01T00:00:00.000Z#lead_gone", "lead_gone");
        Fixture.awaitIndexes();
        for (String search : searches.keySet()) {
            assertEquals(Set.of(), search(t, search), "before the upgrade: " + search);
            assertEquals(0, total(t, search), search);
        }
        assertEquals(5, t.client().get("/api/v2/leads?limit=100").data().path("pagination").path("total").asLong(),
                "lists and totals do not depend on search entries");
        long formerBefore = scan(LeadSearchIndex::formerEntry).size();
        assertTrue(formerBefore > 5 * 20, "the layout before: " + formerBefore + " entries");

        Map<String, Object> first = invoke(upgrade(), Map.of("maxItems", 2));
        assertEquals(1, first.get("phase"), first.toString());
        assertEquals(false, first.get("done"));
        assertNotNull(first.get("cursor"), first.toString());
        String stale = "lead:" + t.tenantId() + "/lead_none";
        assertThrows(ValidationFailed.class, () -> invoke(upgrade(), Map.of("cursor", stale)),
                "a cursor other than the stored position is refused");

        // a run that dies after a step's writes, before its position is stored: the next run does that step again
        AtomicInteger positions = new AtomicInteger();
        LocalFunction dying = upgrade().over(dyingBeforeProgress(positions, 2), Map.of());
        assertThrows(IllegalStateException.class, () -> invoke(dying, event(first.get("cursor"), 1000)));
        assertEquals(2, positions.get());
        Map<String, Object> resumed = invoke(upgrade(), Map.of("maxItems", 3));
        assertEquals(false, resumed.get("done"), resumed.toString());
        Map<String, Object> next = invoke(upgrade(), event(resumed.get("cursor"), 3));
        assertEquals(false, next.get("done"), next.toString());
        Map<String, Object> last = next;
        for (int run = 0; run < 100 && !Boolean.TRUE.equals(last.get("done")); run++) {
            last = invoke(upgrade(), Map.of("maxItems", 1000));
        }
        assertEquals(true, last.get("done"), last.toString());
        assertNull(last.get("cursor"));
        assertEquals(2, last.get("phase"));
        long leads = scan(leadsTable(), LeadItems::holdsLead).size();
        assertEquals(leads, ((Number) last.get("totalIndexed")).longValue(),
                "each lead counted once, the step of the run that died included: " + last);
        long deleted = ((Number) last.get("totalDeleted")).longValue();
        assertTrue(deleted >= 1 && deleted <= formerBefore, last.toString());

        Fixture.awaitIndexes();
        searches.forEach((search, found) -> assertEquals(found, search(t, search), "after the upgrade: " + search));
        searches.forEach((search, found) -> assertEquals(found.size(), total(t, search), "total: " + search));
        assertEquals(List.of(), scan(LeadSearchIndex::formerEntry), "no entry of the layout before remains");

        Map<String, Object> again = invoke(upgrade(), Map.of());
        assertEquals(Map.of("phase", 2, "indexed", 0, "deleted", 0, "done", true, "totalIndexed",
                last.get("totalIndexed"), "totalDeleted", last.get("totalDeleted")), withoutNulls(again),
                "nothing more to do");
        searches.forEach((search, found) -> assertEquals(found, search(t, search), "after a further run: " + search));
    }

    @Test
    void aMalformedEventIsRefused() {
        List<Map<String, Object>> events = List.of(Map.of("limit", 5), Map.of("maxItems", "ten"), Map.of("maxItems", 0),
                Map.of("cursor", 7));
        for (Map<String, Object> event : events) {
            assertThrows(ValidationFailed.class, () -> invoke(upgrade(), event), event.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static LocalFunction upgrade() {
        return Fixture.runtime().function(UPGRADE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(LocalFunction function, Map<String, Object> event) {
        return (Map<String, Object>) function.invoke(new HashMap<>(event));
    }

    /** An event with {@code maxItems} and, unless null, {@code cursor}. */
    private static Map<String, Object> event(Object cursor, int maxItems) {
        Map<String, Object> event = new HashMap<>(Map.of("maxItems", maxItems));
        if (cursor != null) {
            event.put("cursor", cursor);
        }
        return event;
    }

    /** Creates a lead through the API (a LinkedIn URL as its identifier: it holds no search word) and notes its words. */
    private static String create(TestTenant t, Map<String, List<String>> words, String firstName, String lastName,
                                 String company, String title) {
        var created = t.client().post("/api/v2/leads", obj("firstName", firstName, "lastName", lastName,
                "company", company, "title", title, "linkedinUrl", "https://linkedin.com/in/" + UUID.randomUUID()));
        assertEquals(201, created.status(), created.toString());
        String id = created.data().path("id").asText();
        List<String> held = new ArrayList<>();
        for (String field : List.of(firstName, lastName, company, title)) {
            held.addAll(List.of(field.toLowerCase().split(" ")));
        }
        words.put(id, held);
        return id;
    }

    /**
     * The tenant's leads with the search entries of the layout before only: their entries of today deleted, and for
     * each lead one entry per prefix of 1 to 8 letters of each word ({@code <tenant>#w#<prefix>}) and one per pair of
     * 3-letter prefixes of its words of 3 letters or more ({@code <tenant>#p#<a3>#<b3>}), each keyed by the lead's
     * creation key and holding its id; and an entry per word of 2 letters or more not yet in the lead's shard
     * ({@code <tenant>#s#<a2>}, keyed by the word and the creation key), as the layout of one entry per word first had.
     */
    private static void toLayoutBefore(TestTenant t, Map<String, List<String>> words) {
        Fixture.runtime().awaitQuiet(WAIT); // the stream check of the creates is over: it writes no entry after this
        DynamoDbClient dynamo = Fixture.runtime().dynamo();
        for (Map<String, AttributeValue> entry : scan(i -> Items.str(i, LeadKeys.PK).startsWith(t.tenantId() + "#s#"))) {
            dynamo.deleteItem(d -> d.tableName(indexTable()).key(Map.of(LeadKeys.PK, entry.get(LeadKeys.PK),
                    LeadKeys.SK, entry.get(LeadKeys.SK))));
        }
        words.forEach((leadId, held) -> {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(leadsTable()).consistentRead(true)
                    .key(LeadKeys.key(t.tenantId(), leadId))).item();
            String createdKey = LeadKeys.createdKey(LeadItems.lead(item));
            Set<String> terms = new LinkedHashSet<>();
            for (String word : held) {
                for (int n = 1; n <= Math.min(8, word.length()); n++) {
                    terms.add("w#" + word.substring(0, n));
                }
                for (String other : held) {
                    if (word.length() >= 3 && other.length() >= 3 && word.compareTo(other) < 0
                            && !word.substring(0, 3).equals(other.substring(0, 3))) {
                        terms.add("p#" + word.substring(0, 3) + "#" + other.substring(0, 3));
                    }
                }
            }
            terms.forEach(term -> putEntry(t.tenantId() + "#" + term, createdKey, leadId));
            held.stream().filter(word -> word.length() >= 2).forEach(word ->
                    putEntry(t.tenantId() + "#s#" + word.substring(0, 2), word + "#" + createdKey, leadId));
        });
    }

    private static void putEntry(String pk, String sk, String leadId) {
        Map<String, AttributeValue> entry = Map.of(LeadKeys.PK, Items.s(pk), LeadKeys.SK, Items.s(sk), LeadKeys.LEAD_ID,
                Items.s(leadId));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(indexTable()).item(entry));
    }

    /**
     * The runtime's DynamoDB client, throwing instead of making the {@code n}th write of the upgrade's position:
     * the step's entries are written, its position not.
     */
    private static DynamoDbClient dyingBeforeProgress(AtomicInteger positions, int n) {
        DynamoDbClient real = Fixture.runtime().dynamo();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateItem") && progressKey(args[0])
                            && positions.incrementAndGet() == n) {
                        throw new IllegalStateException("killed before storing its position");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static boolean progressKey(Object updateItemArgument) {
        UpdateItemRequest request = updateItemArgument instanceof UpdateItemRequest r ? r
                : UpdateItemRequest.builder().applyMutation((Consumer<UpdateItemRequest.Builder>) updateItemArgument).build();
        return "upgrade#search".equals(Items.str(request.key(), LeadKeys.PK));
    }

    private static Set<String> search(TestTenant t, String words) {
        return new TreeSet<>(ids(LeadData.walkByCursor(t.client(), "search=" + q(words), 2)));
    }

    private static long total(TestTenant t, String words) {
        return t.client().get("/api/v2/leads?limit=1&search=" + q(words)).data().path("pagination").path("total").asLong();
    }

    /** The items of the lead index table that {@code which} keeps, read consistently. */
    private static List<Map<String, AttributeValue>> scan(Predicate<Map<String, AttributeValue>> which) {
        return scan(indexTable(), which);
    }

    private static List<Map<String, AttributeValue>> scan(String table, Predicate<Map<String, AttributeValue>> which) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = Fixture.runtime().dynamo().scan(s -> s.tableName(table).exclusiveStartKey(from)
                    .consistentRead(true));
            page.items().stream().filter(which).forEach(items::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static String indexTable() {
        return Fixture.runtime().tableName("LeadIndexTable");
    }

    private static String leadsTable() {
        return Fixture.runtime().tableName("LeadItemsTable");
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
