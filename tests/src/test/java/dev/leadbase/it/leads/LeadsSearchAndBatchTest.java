package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static dev.leadbase.it.leads.LeadData.ids;
import static dev.leadbase.it.leads.LeadData.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search (word prefixes, all words, case and accents folded), batch creation and the company directory. */
class LeadsSearchAndBatchTest {
    private static TestTenant tenant;
    private static ApiClient api;
    private static String john;
    private static String johnny;
    private static String jose;
    private static String joanna;

    @BeforeAll
    static void people() {
        tenant = Fixture.newTenant(0);
        api = tenant.client();
        john = create(obj("firstName", "John", "lastName", "Doe", "email", "john@techcorp.com", "company", "Tech Corp",
                "title", "Senior Software Engineer", "status", "contacted"));
        johnny = create(obj("firstName", "Johnny", "lastName", "Appleseed", "email", "ja@orchard.org", "company", "Orchard",
                "title", "CTO"));
        jose = create(obj("firstName", "José", "lastName", "Álvarez", "email", "jose@acme.io", "company", "ACME Software",
                "title", "Head of Sales"));
        joanna = create(obj("firstName", "Joanna", "lastName", "Smith", "email", "joanna@startup.io", "company", "Startup Inc",
                "title", "Software Sales"));
        List<Map<String, Object>> sams = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sams.add(obj("firstName", "Sam", "lastName", "Walker" + i, "email", "sam" + i + "@walkers.io",
                    "status", i % 2 == 0 ? "new" : "cold"));
        }
        assertEquals(30, api.post("/api/v2/leads/batch", obj("leads", sams)).data().path("summary").path("created").asInt());
        // lists go through indexes, which DynamoDB updates a moment after the table (the aws-semantics run)
        Fixture.awaitIndexes();
    }

    private static String create(Map<String, Object> body) {
        ApiResponse r = api.post("/api/v2/leads", body);
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    /** A lead no search of these tests finds by accident. */
    private static Map<String, Object> aLead(String email) {
        return obj("firstName", "Batch", "lastName", "Item", "email", email);
    }

    private static Set<String> search(String query) {
        return new TreeSet<>(ids(LeadData.walkByCursor(api, "search=" + q(query), 100)));
    }

    @Test
    void searchMatchesWordPrefixesOfNamesEmailCompanyAndTitle() {
        assertEquals(new TreeSet<>(List.of(john, johnny)), search("john"));
        assertEquals(new TreeSet<>(List.of(john, johnny, jose, joanna)), search("jo"));
        assertEquals(Set.of(john), search("techcorp"), "email domain");
        assertEquals(Set.of(john), search("doe"));
        assertEquals(new TreeSet<>(List.of(john, jose, joanna)), search("software"), "title and company words");
        assertEquals(Set.of(johnny), search("appleseed"));
        assertEquals(Set.of(), search("ohn"), "prefixes of words only, not infixes");
    }

    @Test
    void everyWordMustMatch() {
        assertEquals(Set.of(john), search("john software"), "two words, each a prefix");
        assertEquals(Set.of(john), search("software john"));
        assertEquals(Set.of(joanna), search("soft sales smi"));
        assertEquals(new TreeSet<>(List.of(jose, joanna)), search("software sales"));
        assertEquals(Set.of(), search("johnny software"));
        assertEquals(Set.of(johnny), search("john johnny"), "one word may satisfy two prefixes");
    }

    @Test
    void searchIgnoresCaseAndAccents() {
        assertEquals(Set.of(jose), search("JOSE"));
        assertEquals(Set.of(jose), search("alvarez"));
        assertEquals(Set.of(jose), search("Álv"));
        assertEquals(Set.of(jose), search("jose acme"));
    }

    @Test
    void searchCombinesWithFiltersSortsAndPaging() {
        assertEquals(Set.of(john), new TreeSet<>(ids(LeadData.walkByCursor(api, "search=jo&status=contacted", 10))));
        List<JsonNode> sams = LeadData.walkByCursor(api, "search=sam", 7);
        assertEquals(30, sams.size());
        assertEquals(30, LeadData.walkByPage(api, "search=sam", 7).size());
        assertEquals(15, LeadData.walkByCursor(api, "search=sam&status=cold", 4).size());
        List<String> byLastName = LeadData.walkByCursor(api, "search=walker&sortBy=lastName&sortOrder=asc", 8).stream()
                .map(l -> l.path("lastName").asText()).toList();
        List<String> expected = new ArrayList<>(byLastName);
        expected.sort(String::compareTo);
        assertEquals(expected, byLastName);
        assertEquals(30, api.get("/api/v2/leads?search=sam&limit=1").data().path("pagination").path("total").asInt());
    }

    @Test
    void searchFollowsChangesAndDeletes() {
        // search reads its entries eventually consistently: each check waits as long as that may lag (aws-semantics run)
        String id = create(obj("firstName", "Quentin", "lastName", "Blake", "email", "qb@illustrators.io"));
        Fixture.awaitIndexes();
        assertEquals(Set.of(id), search("quentin"));
        assertEquals(200, api.patch("/api/v2/leads/" + id, obj("firstName", "Roald")).status());
        Fixture.awaitIndexes();
        assertEquals(Set.of(), search("quentin"));
        assertEquals(Set.of(id), search("roald blake"));
        assertEquals(200, api.delete("/api/v2/leads/" + id).status());
        Fixture.awaitIndexes();
        assertEquals(Set.of(), search("roald"));
    }

    @Test
    void searchOfOneOrTwoWordsReadsAtMostOneAndAHalfEntriesPerResult() {
        for (String words : List.of("sam", "walker1", "john software", "sam walker", "software sales")) {
            ListLeadsQuery query = ListLeadsParams.parse(tenant.tenantId(), null,
                    new QueryParams(Map.of("search", words, "limit", "5")), Instant.now());
            LeadPage page = LeadData.repository().list(query, null);
            assertTrue(page.leads().size() > 0, words);
            assertTrue(page.stats().amplification(page.leads().size()) <= 1.5,
                    words + ": evaluated " + page.stats().scanned() + " for " + page.leads().size());
        }
    }

    // ------------------------------------------------------------------ batch

    @Test
    void batchReportsEveryItemCreatedDuplicateOrInvalid() {
        ApiResponse r = api.post("/api/v2/leads/batch", obj("leads", List.of(
                aLead("batch1@example.com"),
                aLead("john@techcorp.com"),
                obj("firstName", "NoIdentifier"),
                obj("email", "bad", "status", "won"),
                aLead("batch1@example.com"),
                "not an object")));
        assertEquals(200, r.status(), r.toString());
        JsonNode results = r.data().path("results");
        assertEquals(6, results.size());
        assertEquals("created", results.get(0).path("status").asText());
        String createdId = results.get(0).path("id").asText();
        assertEquals(200, api.get("/api/v2/leads/" + createdId).status());
        assertEquals("duplicate", results.get(1).path("status").asText());
        assertEquals(john, results.get(1).path("existingId").asText());
        assertEquals("invalid", results.get(2).path("status").asText());
        assertTrue(results.get(2).path("errors").has("identifier"));
        assertEquals("invalid", results.get(3).path("status").asText());
        assertTrue(results.get(3).path("errors").has("email") && results.get(3).path("errors").has("status"),
                "every error of the item, not only the first");
        assertEquals("duplicate", results.get(4).path("status").asText(), "a duplicate within the batch");
        assertEquals(createdId, results.get(4).path("existingId").asText());
        assertEquals("invalid", results.get(5).path("status").asText());
        JsonNode summary = r.data().path("summary");
        assertEquals(1, summary.path("created").asInt());
        assertEquals(2, summary.path("duplicates").asInt());
        assertEquals(3, summary.path("invalid").asInt());
    }

    @Test
    void batchOfMoreThanAHundredOrNoneIsRejected() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(aLead("many" + i + "@example.com"));
        }
        ApiResponse tooMany = api.post("/api/v2/leads/batch", obj("leads", many));
        assertEquals(400, tooMany.status());
        assertEquals("Must be an array of 1 to 100 leads", tooMany.body().path("details").path("invalidFields").path("leads").asText());
        assertEquals(400, api.post("/api/v2/leads/batch", obj("leads", List.of())).status());
        assertEquals(0, api.get("/api/v2/leads?search=many0").data().path("pagination").path("total").asInt());
    }

    // ------------------------------------------------------------------ companies

    @Test
    void companiesAreCreatedListedReadAndLinkedToLeads() {
        ApiResponse created = api.post("/api/v2/companies", obj("name", "Initech", "domain", "https://www.Initech.com/",
                "website", "https://initech.com", "industry", "Software", "size", "201-1000", "description", "TPS reports"));
        assertEquals(201, created.status(), created.toString());
        String id = created.data().path("id").asText();
        assertEquals("initech.com", created.data().path("domain").asText(), "domains are normalised");
        assertEquals(created.data(), api.get("/api/v2/companies/" + id).data());
        ApiResponse dup = api.post("/api/v2/companies", obj("name", "Initech 2", "domain", "initech.com"));
        assertEquals(409, dup.status());
        assertEquals(id, dup.body().path("details").path("existingId").asText());
        api.post("/api/v2/companies", obj("name", "Aardvark Ltd", "domain", "aardvark.co.uk"));
        api.post("/api/v2/companies", obj("name", "Zebra Inc"));
        Fixture.awaitIndexes();
        JsonNode list = api.get("/api/v2/companies?limit=2").data();
        assertEquals(3, list.path("pagination").path("total").asInt());
        assertEquals("Aardvark Ltd", list.path("companies").get(0).path("name").asText(), "name order");
        String cursor = list.path("pagination").path("nextCursor").asText();
        JsonNode next = api.get("/api/v2/companies?limit=2&cursor=" + q(cursor)).data();
        assertEquals("Zebra Inc", next.path("companies").get(0).path("name").asText());
        assertEquals(id, api.get("/api/v2/companies?domain=initech.com").data().path("companies").get(0).path("id").asText());

        ApiResponse lead = api.post("/api/v2/leads", obj("firstName", "Peter", "lastName", "Gibbons", "companyId", id));
        assertEquals(201, lead.status(), lead.toString());
        assertEquals("Initech", lead.data().path("company").asText(), "the company's name fills an empty company");
        Fixture.awaitIndexes();
        assertEquals(List.of(lead.data().path("id").asText()), ids(LeadData.walkByCursor(api, "companyId=" + id, 10)));
        ApiResponse missing = api.post("/api/v2/leads", obj("email", "x@y.io", "companyId", "cmp_nope"));
        assertEquals(400, missing.status());
        assertEquals("Company not found", missing.body().path("details").path("invalidFields").path("companyId").asText());
        assertEquals(404, Fixture.newTenant(0).client().get("/api/v2/companies/" + id).status());
        assertEquals(400, api.post("/api/v2/companies", obj("domain", "nodot")).status());
    }
}
