package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static dev.leadbase.it.leads.LeadData.ids;
import static dev.leadbase.it.leads.LeadData.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.leads.store.LeadSearchIndex;
import dev.leadbase.shared.dynamo.Items;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Which search entries a create writes (one per word of 2 letters or more, each holding all the lead's words), what a
 * search of 1-letter words reads instead, and what the stream checks of a create and a patch read.
 */
class SearchEntriesTest {
    private static TestTenant tenant;
    private static String xiQuill;
    private static String xavierQuinn;
    private static String yannQuinn;
    private static String zoeBarr;

    @BeforeAll
    static void people() {
        tenant = Fixture.newTenant(0);
        xiQuill = create(obj("firstName", "Xi", "lastName", "Quill"));
        xavierQuinn = create(obj("firstName", "Xavier", "lastName", "Quinn", "title", "Q"));
        yannQuinn = create(obj("firstName", "Yann", "lastName", "Quinn", "status", "contacted"));
        zoeBarr = create(obj("firstName", "Zoé", "lastName", "Barr", "email", "zb@x.io"));
        Fixture.awaitIndexes();
    }

    /** Creates the lead with a LinkedIn URL as its identifier (it holds no search word). */
    private static String create(Map<String, Object> fields) {
        Map<String, Object> body = new TreeMap<>(fields);
        body.putIfAbsent("linkedinUrl", "https://linkedin.com/in/" + UUID.randomUUID());
        var r = tenant.client().post("/api/v2/leads", body);
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    @Test
    void aCreateWritesOneEntryPerWordOfTwoLettersOrMoreEachHoldingAllTheLeadsWords() {
        assertEquals(Set.of("s#xi xi", "s#qu quill"), entryTerms(xiQuill));
        // Xavier Quinn, title Q: nothing for "q", which every entry holds
        Map<String, Map<String, AttributeValue>> entries = entries(xavierQuinn);
        assertEquals(Set.of("s#xa xavier", "s#qu quinn"), entries.keySet());
        entries.values().forEach(e -> assertEquals(" q quinn xavier", Items.str(e, LeadKeys.WORDS)));
        assertEquals(Set.of(xiQuill), search("xi"));
        assertEquals(Set.of(xavierQuinn, yannQuinn), search("quin"));
        assertEquals(Set.of(xavierQuinn), search("qu q xav"));
    }

    @Test
    void aSearchOfOneLetterWordsChecksTheTenantsLeadsWithExactTotalsOrderAndPaging() {
        assertEquals(Set.of(xiQuill, xavierQuinn), search("x q"));
        assertEquals(Set.of(xiQuill, xavierQuinn, zoeBarr), search("x."), "email domain x.io of Zoé");
        assertEquals(Set.of(yannQuinn), search("q y"));
        assertEquals(Set.of(), search("q z"));
        assertEquals(List.of(yannQuinn), ids(LeadData.walkByCursor(tenant.client(), "search=q+y&status=contacted", 1)));
        assertEquals(List.of(), ids(LeadData.walkByCursor(tenant.client(), "search=x+q&status=contacted", 1)));

        // the order is the one entries would give: creation time, newest first, or any sortBy
        assertEquals(List.of(xavierQuinn, xiQuill), ids(LeadData.walkByCursor(tenant.client(), "search=" + q("x q"), 1)));
        assertEquals(List.of(xiQuill, xavierQuinn),
                ids(LeadData.walkByCursor(tenant.client(), "search=" + q("x q") + "&sortOrder=asc", 1)));
        assertEquals(List.of(xavierQuinn, xiQuill, zoeBarr),
                ids(LeadData.walkByCursor(tenant.client(), "search=" + q("x.") + "&sortBy=lastName&sortOrder=desc", 2)));
        assertEquals(List.of(xavierQuinn, xiQuill), ids(LeadData.walkByPage(tenant.client(), "search=" + q("x q"), 1)));
    }

    @Test
    void entriesOfTheLayoutBeforeAreNotRead() {
        // prefix and pair entries of the layout before, naming Zoé, whose words begin with neither
        putFormerEntry(zoeBarr, "w#quin", " quinn");
        putFormerEntry(zoeBarr, "p#qui#zoe", " quinn zoe");
        assertEquals(Set.of(xavierQuinn, yannQuinn), search("quin"));
        assertEquals(2, total("quin"));
        assertEquals(0, total("quinn zoe"));
    }

    @Test
    void aLeadWithSeveralWordsOfTheSearchedPrefixIsFoundAndCountedOnce() {
        String longWord = "w" + "a".repeat(70) + "lrus";
        String id = create(obj("firstName", "Walter", "lastName", "Wallace", "title", "Wall " + longWord));
        Fixture.awaitIndexes();
        assertEquals(Set.of("s#wa walter", "s#wa wallace", "s#wa wall", "s#wa " + longWord.substring(0, 64)),
                entryTerms(id));
        assertEquals(Set.of(id), search("wal"));
        assertEquals(1, total("wal"));
        assertEquals(1, total("wall"));
        assertEquals(Set.of(id), search(longWord));
        assertEquals(Set.of(id), search(longWord.substring(0, 66) + " walt"));
        assertEquals(0, total(longWord.substring(0, 66) + "x"));
        assertEquals(0, total(longWord + "s"));
    }

    @Test
    void theStreamCheckOfACompleteCreateReadsOnlyItsLastEntry() {
        String id = create(obj("firstName", "Ada", "lastName", "Zanzibar", "email", "ada@zanzibar.org",
                "company", "Lovelace Engines", "title", "Chief Analyst"));
        Map<String, AttributeValue> item = Fixture.runtime().dynamo().getItem(g -> g.tableName(table("LeadItemsTable"))
                .consistentRead(true).key(LeadKeys.key(tenant.tenantId(), id))).item();
        List<String> reads = new ArrayList<>();
        LeadSearchIndex index = new LeadSearchIndex(countingReads(reads), table("LeadItemsTable"), table("LeadIndexTable"));

        assertEquals(0, index.repair(null, item), "nothing to mend");
        assertEquals(List.of("GetItem LeadIndexTable"), reads, "one entry read, not the lead nor its other entries");

        reads.clear();
        assertEquals(0, index.repair(item, null), "the lead is still there: its entries stay");
        assertEquals(List.of("GetItem LeadItemsTable", "BatchGetItem"), reads, "a delete's check reads the lead and the entries");
    }

    @Test
    void aPatchOfOneWordFindsTheLeadByTheNewWordOnlyAndMovesOnlyThatWordsEntry() {
        String id = create(obj("firstName", "Ada", "lastName", "Quimby", "title", "Chief Sommelier"));
        Fixture.awaitIndexes();
        Map<String, Map<String, AttributeValue>> before = entries(id);

        var patched = tenant.client().patch("/api/v2/leads/" + id, obj("title", "Chief Falconer", "status", "contacted"));
        assertEquals(200, patched.status(), patched.toString());
        Fixture.awaitIndexes();

        assertEquals(Set.of(id), search("falconer"));
        assertEquals(Set.of(id), search("quimby falconer"));
        assertEquals(Set.of(id), search("chief ada quimby"));
        assertEquals(Set.of(), search("sommelier"));
        assertEquals(Set.of(), search("quimby sommelier"));
        assertEquals(0, total("sommelier"));
        assertEquals(0, total("quimby sommelier"));
        assertEquals(1, total("quimby falconer"));
        Map<String, Map<String, AttributeValue>> after = entries(id);
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        assertEquals(Set.of("s#so sommelier"), removed);
        assertEquals(Set.of("s#fa falconer"), added);
        after.values().forEach(e -> assertEquals(" ada chief falconer quimby", Items.str(e, LeadKeys.WORDS)));
    }

    @Test
    void aPatchThatChangesNoSearchWordWritesNoEntry() {
        String id = create(obj("firstName", "Ada", "lastName", "Quayle", "title", "Chief Sommelier"));
        Fixture.awaitIndexes();
        putEntry(id, "quayle", " marker");
        var patched = tenant.client().patch("/api/v2/leads/" + id, obj("status", "contacted", "phone", "+14155550100"));
        assertEquals(200, patched.status(), patched.toString());
        Fixture.awaitIndexes();
        assertEquals(" marker", Items.str(entries(id).get("s#qu quayle"), LeadKeys.WORDS), "the entry was not rewritten");
    }

    @Test
    void theStreamCheckOfAPatchReadsTheLeadsEntriesAndThoseOfTheWordsItRemoved() {
        String id = create(obj("firstName", "Ada", "lastName", "Quenby", "title", "Chief Brewer"));
        Map<String, AttributeValue> created = leadItem(id);
        var patched = tenant.client().patch("/api/v2/leads/" + id, obj("title", "Chief Vintner"));
        assertEquals(200, patched.status(), patched.toString());
        Map<String, AttributeValue> item = leadItem(id);
        List<String> reads = new ArrayList<>();
        List<Integer> keysRead = new ArrayList<>();
        LeadSearchIndex index = new LeadSearchIndex(countingReads(reads, keysRead), table("LeadItemsTable"),
                table("LeadIndexTable"));

        assertEquals(0, index.repair(created, item), "the patch wrote its entries");
        assertEquals(List.of("GetItem LeadItemsTable", "BatchGetItem"), reads);
        // the entries of ada, quenby, chief, vintner (each holds all words), and of brewer, which must be gone
        assertEquals(List.of(5), keysRead);
    }

    private static Map<String, AttributeValue> leadItem(String id) {
        return Fixture.runtime().dynamo().getItem(g -> g.tableName(table("LeadItemsTable"))
                .consistentRead(true).key(LeadKeys.key(tenant.tenantId(), id))).item();
    }

    /**
     * The search entries of one lead of the tenant, read consistently, by partition (after the tenant; the lead's shard
     * that ends it checked, then left out) and key word: {@code "s#qu quinn"}.
     */
    private static Map<String, Map<String, AttributeValue>> entries(String leadId) {
        Map<String, Map<String, AttributeValue>> entries = new TreeMap<>();
        String prefix = tenant.tenantId() + "#";
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var r = Fixture.runtime().dynamo().scan(s -> s.tableName(table("LeadIndexTable")).exclusiveStartKey(from)
                    .consistentRead(true).filterExpression("begins_with(#pk, :t) AND #id = :id")
                    .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#id", LeadKeys.LEAD_ID))
                    .expressionAttributeValues(Map.of(":t", Items.s(prefix), ":id", Items.s(leadId))));
            r.items().forEach(i -> {
                String sk = Items.str(i, LeadKeys.SK);
                String partition = Items.str(i, LeadKeys.PK).substring(prefix.length());
                if (partition.startsWith("s#")) {
                    // a word's entry lives in the lead's shard: s#qu#<shard>
                    assertEquals("#" + Items.num(leadItem(leadId), LeadKeys.SHARD),
                            partition.substring(partition.lastIndexOf('#')), "the shard of " + partition);
                    partition = partition.substring(0, partition.lastIndexOf('#'));
                }
                entries.put(partition + " " + sk.substring(0, sk.indexOf('#')), i);
            });
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private static long total(String words) {
        return tenant.client().get("/api/v2/leads?limit=1&search=" + q(words)).data().path("pagination").path("total").asLong();
    }

    /** The search entries of one lead of the tenant: partition and key word ({@link #entries}). */
    private static Set<String> entryTerms(String leadId) {
        return entries(leadId).keySet();
    }

    /** Puts the lead's entry of {@code word} holding {@code words}, as a write would. */
    private static void putEntry(String leadId, String word, String words) {
        Map<String, AttributeValue> entry = new TreeMap<>();
        entry.put(LeadKeys.PK, Items.s(LeadKeys.searchPk(tenant.tenantId(), word,
                (int) Items.num(leadItem(leadId), LeadKeys.SHARD))));
        entry.put(LeadKeys.SK, Items.s(LeadKeys.searchSk(word, Items.str(leadItem(leadId), LeadKeys.CREATED_KEY))));
        entry.put(LeadKeys.LEAD_ID, Items.s(leadId));
        entry.put(LeadKeys.WORDS, Items.s(words));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(table("LeadIndexTable")).item(entry));
    }

    /** Puts an entry of the layout before: pk {@code <tenant>#<term>}, sk the lead's creation key. */
    private static void putFormerEntry(String leadId, String term, String words) {
        Map<String, AttributeValue> entry = new TreeMap<>();
        entry.put(LeadKeys.PK, Items.s(tenant.tenantId() + "#" + term));
        entry.put(LeadKeys.SK, leadItem(leadId).get(LeadKeys.CREATED_KEY));
        entry.put(LeadKeys.LEAD_ID, Items.s(leadId));
        entry.put(LeadKeys.WORDS, Items.s(words));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(table("LeadIndexTable")).item(entry));
    }

    private static Set<String> search(String words) {
        return new TreeSet<>(ids(LeadData.walkByCursor(tenant.client(), "search=" + q(words), 100)));
    }

    private static String table(String logicalId) {
        return Fixture.runtime().tableName(logicalId);
    }

    /** The runtime's DynamoDB client, noting each read as its operation and logical table. */
    private static DynamoDbClient countingReads(List<String> reads) {
        return countingReads(reads, new ArrayList<>());
    }

    /** {@link #countingReads(List)}, noting also how many keys each BatchGetItem asked for. */
    private static DynamoDbClient countingReads(List<String> reads, List<Integer> keysRead) {
        DynamoDbClient real = Fixture.runtime().dynamo();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        Object response = method.invoke(real, args);
                        if (method.getName().equals("getItem")) {
                            reads.add("GetItem " + logical(tableOf(args[0])));
                        } else if (method.getName().equals("batchGetItem")) {
                            reads.add("BatchGetItem");
                            keysRead.add(keysAsked(args[0]));
                        }
                        return response;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** How many keys a BatchGetItem asked for. */
    @SuppressWarnings("unchecked")
    private static int keysAsked(Object batchGetArgument) {
        BatchGetItemRequest request = batchGetArgument instanceof BatchGetItemRequest r ? r
                : BatchGetItemRequest.builder().applyMutation((Consumer<BatchGetItemRequest.Builder>) batchGetArgument).build();
        return request.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
    }

    @SuppressWarnings("unchecked")
    private static String tableOf(Object getItemArgument) {
        return getItemArgument instanceof GetItemRequest request ? request.tableName()
                : GetItemRequest.builder().applyMutation((Consumer<GetItemRequest.Builder>) getItemArgument).build().tableName();
    }

    private static String logical(String physical) {
        return physical.equals(table("LeadIndexTable")) ? "LeadIndexTable"
                : physical.equals(table("LeadItemsTable")) ? "LeadItemsTable" : physical;
    }
}
