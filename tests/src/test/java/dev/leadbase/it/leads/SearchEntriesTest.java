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
 * Which search entries a create writes (word prefixes of 2 to 8 letters and the word pairs, nothing a search cannot
 * use), what a search of 1-letter words reads instead, and what the stream check of a create reads.
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
    void aCreateWritesPrefixesOfTwoToEightLettersAndPairsOnly() {
        // Xi Quill: xi; qu, qui, quil, quill; no pair (one word of 3+ letters)
        assertEquals(Set.of("w#xi", "w#qu", "w#qui", "w#quil", "w#quill"), entryTerms(xiQuill));
        // Xavier Quinn, title Q: xa..xavier, qu..quinn, the pair of xav and qui; nothing for "q"
        assertEquals(Set.of("w#xa", "w#xav", "w#xavi", "w#xavie", "w#xavier", "w#qu", "w#qui", "w#quin", "w#quinn",
                "p#qui#xav"), entryTerms(xavierQuinn));
        assertEquals(Set.of(xiQuill), search("xi"));
        assertEquals(Set.of(xiQuill, xavierQuinn, yannQuinn), search("qu"));
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
    void aLeftoverOneLetterEntryNeverChangesASearch() {
        // entries written before searches needed two letters: one still right, one of a word the lead no longer has
        putEntry(yannQuinn, "w#y", " yann quinn");
        putEntry(yannQuinn, "w#z", " zed yann quinn");
        var page = tenant.client().get("/api/v2/leads?limit=1&search=" + q("z y")).data();
        assertEquals(0, page.path("leads").size());
        assertEquals(0, page.path("pagination").path("total").asInt(), "the stale 1-letter entry is not counted");
        assertEquals(Set.of(yannQuinn), search("y q"));
        assertEquals(Set.of(yannQuinn), search("y qu"));
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
    void aPatchOfOneWordFindsTheLeadByTheNewWordOnlyAndRewritesOnlyThatWordsEntries() {
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
        assertEquals(new TreeSet<>(List.of("w#so", "w#som", "w#somm", "w#somme", "w#sommel", "w#sommeli", "w#sommelie",
                "p#ada#som", "p#chi#som", "p#qui#som")), removed);
        assertEquals(new TreeSet<>(List.of("w#fa", "w#fal", "w#falc", "w#falco", "w#falcon", "w#falcone", "w#falconer",
                "p#ada#fal", "p#chi#fal", "p#fal#qui")), added);
        for (String term : after.keySet()) {
            if (before.containsKey(term)) {
                assertEquals(before.get(term), after.get(term), term + ": the entry of a word the patch left is not written");
            }
        }
    }

    @Test
    void anEntryWrittenWithEveryWordOfItsLeadAnswersSearchesAsBefore() {
        String id = create(obj("firstName", "Bartholomew", "lastName", "Quixotic", "title", "Head Ranger"));
        Fixture.awaitIndexes();
        // entries written before entries held only their term's words held every word of the lead
        putEntry(id, "w#bartholo", " bartholomew quixotic head ranger");
        putEntry(id, "p#bar#qui", " bartholomew quixotic head ranger");
        Fixture.awaitIndexes();
        assertEquals(Set.of(id), search("bartholomew"));
        assertEquals(Set.of(id), search("bartholomew quixotic"));
        assertEquals(1, total("bartholomew quixotic"));
        assertEquals(0, total("bartholomews"));

        var patched = tenant.client().patch("/api/v2/leads/" + id, obj("title", "Head Warden"));
        assertEquals(200, patched.status(), patched.toString());
        Fixture.awaitIndexes();
        assertEquals(Set.of(id), search("bartholomew"));
        assertEquals(Set.of(id), search("bartholomew warden"));
        assertEquals(Set.of(id), search("quixotic bartholomew head"));
        assertEquals(Set.of(), search("bartholomew ranger"));
        assertEquals(1, total("bartholomew quixotic"));
        assertEquals(0, total("bartholomew ranger"));
        assertEquals(0, total("quixotics bartholomew"));
    }

    @Test
    void theStreamCheckOfAPatchReadsOnlyTheEntriesOfTheWordsItChanged() {
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
        // brewer: w#br..w#brewer and its pairs with ada, quenby, chief (8); vintner: w#vi..w#vintner and its pairs (9);
        // the 1-letter entries w#b, w#v leads written long ago may have (2). Not those of ada, quenby, chief (17 more).
        assertEquals(List.of(19), keysRead);
    }

    private static Map<String, AttributeValue> leadItem(String id) {
        return Fixture.runtime().dynamo().getItem(g -> g.tableName(table("LeadItemsTable"))
                .consistentRead(true).key(LeadKeys.key(tenant.tenantId(), id))).item();
    }

    /** The search entries of one lead of the tenant by term, read consistently. */
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
            r.items().forEach(i -> entries.put(Items.str(i, LeadKeys.PK).substring(prefix.length()), i));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private static long total(String words) {
        return tenant.client().get("/api/v2/leads?limit=1&search=" + q(words)).data().path("pagination").path("total").asLong();
    }

    /** The search entries of one lead of the tenant: their terms. */
    private static Set<String> entryTerms(String leadId) {
        Set<String> terms = new TreeSet<>();
        String prefix = tenant.tenantId() + "#";
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var r = Fixture.runtime().dynamo().scan(s -> s.tableName(table("LeadIndexTable")).exclusiveStartKey(from)
                    .filterExpression("begins_with(#pk, :t) AND #id = :id")
                    .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#id", LeadKeys.LEAD_ID))
                    .expressionAttributeValues(Map.of(":t", Items.s(prefix), ":id", Items.s(leadId))));
            r.items().forEach(i -> terms.add(Items.str(i, LeadKeys.PK).substring(prefix.length())));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return terms;
    }

    private static void putEntry(String leadId, String term, String words) {
        var lead = tenant.client().get("/api/v2/leads/" + leadId).data();
        Map<String, AttributeValue> item = Fixture.runtime().dynamo().getItem(g -> g.tableName(table("LeadItemsTable"))
                .consistentRead(true).key(LeadKeys.key(tenant.tenantId(), lead.path("id").asText()))).item();
        Map<String, AttributeValue> entry = new TreeMap<>();
        entry.put(LeadKeys.PK, Items.s(LeadKeys.searchPk(tenant.tenantId(), term)));
        entry.put(LeadKeys.SK, item.get(LeadKeys.CREATED_KEY));
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
