package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static dev.leadbase.it.leads.LeadData.fold;
import static dev.leadbase.it.leads.LeadData.ids;
import static dev.leadbase.it.leads.LeadData.q;
import static dev.leadbase.it.leads.LeadData.text;
import static dev.leadbase.it.leads.LeadData.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v2/leads over a few hundred leads on DynamoDB Local: every filter, every sort in both
 * directions, both paging styles, totals, 400s, cursor tampering and read amplification.
 */
class LeadsListTest {
    private static final int LEADS = 240;
    private static final String[] STATUSES = {"new", "contacted", "replied", "qualified", "converted", "cold", "lost"};
    private static final String[] SOURCES = {"linkedin", "website", "referral", "import", "api"};
    private static final String[] FIRST = {"John", "Jane", "Ángel", "Zoë", "bob", "Émile", "Anna", "Chris", null};
    private static final String[] LAST = {"Doe", "Smith", "Müller", "Lee", "Zhang", "Brown"};
    private static final String[] COMPANIES = {"Google", "Tech Corp", "Startup Inc", "Ácme", "Globex", null};
    private static final String[] TITLES = {"Senior Software Engineer", "CTO", "Head of Sales", "VP Engineering", null};
    private static final String[] EVENTS = {"demo_request", "email_open", "page_view"};

    private static TestTenant tenant;
    private static ApiClient api;
    private static List<JsonNode> all;
    private static Instant secondBatchStarted;
    private static String companyId;

    @BeforeAll
    static void aTenantWithAFewHundredVariedLeads() throws Exception {
        tenant = Fixture.newTenant(0);
        api = tenant.client();
        companyId = api.post("/api/v2/companies", obj("name", "Google", "domain", "google.com")).data().path("id").asText();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (long points = 1; points <= 64; points *= 2) {
            rules.add(obj("eventType", "p" + points, "points", points));
        }
        assertEquals(201, api.post("/api/v2/scoring/rulesets", obj("name", "Engagement - Standard", "type", "engagement",
                "primary", true, "rules", rules)).status());
        Instant now = Instant.now();
        for (int batch = 0; batch < 3; batch++) {
            if (batch == 1) {
                Thread.sleep(20);
                secondBatchStarted = Instant.now();
                Thread.sleep(20);
            }
            List<Map<String, Object>> leads = new ArrayList<>();
            for (int i = batch * 80; i < (batch + 1) * 80; i++) {
                Map<String, Object> lead = obj("firstName", FIRST[i % FIRST.length], "lastName", LAST[i % LAST.length],
                        "email", "p" + i + "@test" + (i % 7) + ".io", "company", COMPANIES[i % COMPANIES.length],
                        "title", TITLES[i % TITLES.length], "status", STATUSES[i % STATUSES.length],
                        "source", SOURCES[(i / 7) % SOURCES.length], "tags", i % 4 == 0 ? List.of("vip", "t" + (i % 3)) : List.of());
                if (i % 3 == 1) {
                    lead.put("lastContactedAt", now.minus(Duration.ofHours(i * 5L)).toString());
                }
                if (i % 10 == 0) {
                    lead.put("ownerId", "alice");
                }
                if (i % 12 == 0) {
                    lead.put("companyId", companyId);
                }
                leads.add(lead);
            }
            ApiResponse r = api.post("/api/v2/leads/batch", obj("leads", leads));
            assertEquals(200, r.status(), r.toString());
            assertEquals(80, r.data().path("summary").path("created").asInt(), r.toString());
        }
        // lists go through indexes, which DynamoDB updates a moment after the table (the aws-semantics run)
        Fixture.awaitIndexes();
        List<String> created = ids(LeadData.walkByCursor(api, "sortOrder=asc", 100));
        // scores and last events come as users make them: events under an engagement rule set, applied by the worker
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Long> scores = new HashMap<>();
        Map<String, String> lastEvents = new HashMap<>();
        for (int i = 0; i < created.size(); i++) {
            String id = created.get(i);
            if (i % 3 == 0) {
                long score = (i * 37L) % 101;
                scores.put(id, score);
                for (long points = 1; points <= score; points *= 2) {
                    if ((score & points) != 0) {
                        events.add(obj("leadId", id, "type", "p" + points, "occurredAt", now.minus(Duration.ofDays(60)).toString()));
                    }
                }
            }
            if (i % 4 == 0) {
                // whole days plus half an hour: no event sits on a 7d/30d boundary while the tests run
                Instant at = now.minus(Duration.ofDays(1 + i % 44)).plus(Duration.ofMinutes(30));
                events.add(obj("leadId", id, "type", EVENTS[i % 3], "occurredAt", at.toString()));
                lastEvents.put(id, EVENTS[i % 3]);
            }
        }
        for (int from = 0; from < events.size(); from += 100) {
            ApiResponse r = api.post("/api/v2/events", obj("events", events.subList(from, Math.min(events.size(), from + 100))));
            assertEquals(202, r.status(), r.toString());
        }
        Fixture.drained(Duration.ofSeconds(60), "EventsQueue");
        Fixture.awaitIndexes();
        for (JsonNode lead : LeadData.walkByCursor(api, "", 100)) {
            String id = text(lead, "id");
            if (scores.containsKey(id)) {
                assertEquals(scores.get(id), lead.path("score").asLong(), lead.toString());
            }
            if (lastEvents.containsKey(id) || !scores.containsKey(id)) {
                assertEquals(lastEvents.get(id), text(lead, "lastEventType"), lead.toString());
            }
        }
        for (int i = 0; i < created.size(); i += 9) {
            assertEquals(200, api.patch("/api/v2/leads/" + created.get(i), obj("notes", "touched " + i)).status());
        }
        Fixture.awaitIndexes();
        all = LeadData.walkByCursor(api, "", 100);
        assertEquals(LEADS, all.size());
    }

    // ------------------------------------------------------------------ paging

    @Test
    void walkingByPageAndByCursorReturnsEveryLeadExactlyOnceInTheSameOrder() {
        List<JsonNode> byPage = LeadData.walkByPage(api, "sortBy=createdAt&sortOrder=asc", 37);
        List<JsonNode> byCursor = LeadData.walkByCursor(api, "sortBy=createdAt&sortOrder=asc", 37);
        assertEquals(LEADS, byPage.size());
        assertEquals(ids(byPage), ids(byCursor));
        assertEquals(ids(sorted(all, created(), true)), ids(byPage));
    }

    @Test
    void listsWhoseConditionsOnlyTheLeadsHoldPageAlikeByNumberAndByCursor() {
        // score and the last event are not in the indexes' projection: these are checked on the fetched leads
        for (String query : List.of("eventType=demo_request", "tag=vip&minScore=10&sortBy=createdAt&sortOrder=asc",
                "lastActive=30d&sortBy=firstName")) {
            List<JsonNode> byCursor = LeadData.walkByCursor(api, query, 4);
            assertTrue(byCursor.size() > 4, query + " spans pages: " + byCursor.size());
            assertEquals(ids(byCursor), ids(LeadData.walkByPage(api, query, 4)), query);
        }
    }

    @Test
    void paginationGivesPageLimitExactTotalPagesAndNeighbours() {
        JsonNode p = api.get("/api/v2/leads?limit=10&page=3").data().path("pagination");
        assertEquals(3, p.path("page").asInt());
        assertEquals(10, p.path("limit").asInt());
        assertEquals(LEADS, p.path("total").asInt());
        assertEquals(24, p.path("pages").asInt());
        assertTrue(p.path("hasNextPage").asBoolean());
        assertTrue(p.path("hasPrevPage").asBoolean());
        JsonNode last = api.get("/api/v2/leads?limit=10&page=24").data();
        assertEquals(10, last.path("leads").size());
        assertEquals(false, last.path("pagination").path("hasNextPage").asBoolean());
        assertTrue(last.path("pagination").path("nextCursor").isNull());
        JsonNode beyond = api.get("/api/v2/leads?limit=10&page=99").data();
        assertEquals(0, beyond.path("leads").size());
        assertEquals(50, api.get("/api/v2/leads").data().path("leads").size(), "limit defaults to 50");
    }

    @Test
    void everySortInBothDirectionsIsOrderedWithTiesBrokenById() {
        Map<String, Comparator<JsonNode>> sorts = new LinkedHashMap<>();
        sorts.put("createdAt", created());
        sorts.put("updatedAt", byTime("updatedAt"));
        sorts.put("lastContactedAt", byTime("lastContactedAt"));
        sorts.put("firstName", byText("firstName"));
        sorts.put("lastName", byText("lastName"));
        sorts.put("company", Comparator.comparing((JsonNode l) -> fold(text(l, "company")), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(l -> time(l, "createdAt")).thenComparing(l -> text(l, "id")));
        sorts.put("score", Comparator.comparing((JsonNode l) -> l.path("score").isNull() ? null : l.path("score").asLong(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(l -> text(l, "id")));
        sorts.forEach((sortBy, order) -> {
            for (boolean asc : new boolean[] {true, false}) {
                String query = "sortBy=" + sortBy + "&sortOrder=" + (asc ? "asc" : "desc");
                assertEquals(ids(sorted(all, order, asc)), ids(LeadData.walkByCursor(api, query, 100)), query);
            }
        });
        assertEquals(ids(sorted(all, created(), false)), ids(all), "default order is createdAt desc");
    }

    // ------------------------------------------------------------------ filters

    @Test
    void everyFilterReturnsExactlyTheMatchingLeadsWithAnExactTotal() {
        Instant mid = secondBatchStarted;
        Instant now = Instant.now();
        String today = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
        Instant contactedCut = now.minus(Duration.ofHours(400));
        Map<String, Predicate<JsonNode>> cases = new LinkedHashMap<>();
        cases.put("status=contacted", l -> is(l, "status", "contacted"));
        cases.put("source=referral", l -> is(l, "source", "referral"));
        cases.put("status=new&source=linkedin", l -> is(l, "status", "new") && is(l, "source", "linkedin"));
        cases.put("company=google", l -> "google".equals(fold(text(l, "company"))));
        cases.put("company=" + q("ACME"), l -> "acme".equals(fold(text(l, "company"))));
        cases.put("companyId=" + companyId, l -> companyId.equals(text(l, "companyId")));
        cases.put("company_id=" + companyId, l -> companyId.equals(text(l, "companyId")));
        cases.put("title=engineer", l -> text(l, "title") != null && fold(text(l, "title")).contains("engineer"));
        cases.put("tag=vip", l -> hasTag(l, "vip"));
        cases.put("ownerId=alice", l -> is(l, "ownerId", "alice"));
        cases.put("createdAfter=" + q(mid.toString()), l -> !time(l, "createdAt").isBefore(mid));
        cases.put("createdBefore=" + q(mid.toString()), l -> time(l, "createdAt").isBefore(mid));
        cases.put("created_after=" + today, l -> !time(l, "createdAt").isBefore(Instant.parse(today + "T00:00:00Z")));
        cases.put("updatedAfter=" + q(mid.toString()), l -> !time(l, "updatedAt").isBefore(mid));
        cases.put("lastContactedAfter=" + q(contactedCut.toString()), l -> time(l, "lastContactedAt") != null
                && !time(l, "lastContactedAt").isBefore(contactedCut));
        cases.put("lastContactedBefore=" + q(contactedCut.toString()), l -> time(l, "lastContactedAt") != null
                && time(l, "lastContactedAt").isBefore(contactedCut));
        cases.put("minScore=50", l -> !l.path("score").isNull() && l.path("score").asLong() >= 50);
        cases.put("maxScore=20", l -> !l.path("score").isNull() && l.path("score").asLong() <= 20);
        cases.put("min_score=30&max_score=60", l -> !l.path("score").isNull() && l.path("score").asLong() >= 30 && l.path("score").asLong() <= 60);
        cases.put("eventType=demo_request", l -> is(l, "lastEventType", "demo_request"));
        cases.put("event_type=page_view", l -> is(l, "lastEventType", "page_view"));
        cases.put("lastActive=7d", l -> active(l, now, 7));
        cases.put("last_active=30d", l -> active(l, now, 30));
        cases.put("range=today", l -> time(l, "createdAt").atZone(ZoneOffset.UTC).toLocalDate().toString().equals(today));
        cases.put("range=yesterday", l -> false);
        cases.put("range=last_7d", l -> true);
        cases.put("range=last_90d&status=lost", l -> is(l, "status", "lost"));
        cases.put("status=contacted&source=linkedin&company=Google", l -> is(l, "status", "contacted")
                && is(l, "source", "linkedin") && "google".equals(fold(text(l, "company"))));
        cases.put("status=replied&sortBy=firstName", l -> is(l, "status", "replied"));
        cases.put("tag=vip&minScore=10&sortBy=createdAt", l -> hasTag(l, "vip") && !l.path("score").isNull() && l.path("score").asLong() >= 10);
        cases.put("ownerId=alice&status=new", l -> is(l, "ownerId", "alice") && is(l, "status", "new"));
        cases.forEach((query, matches) -> {
            List<String> expected = all.stream().filter(matches).map(l -> text(l, "id")).sorted().toList();
            List<String> actual = ids(LeadData.walkByCursor(api, query, 40)).stream().sorted().toList();
            assertEquals(expected, actual, query);
            assertEquals(expected.size(), api.get("/api/v2/leads?limit=1&" + query).data().path("pagination").path("total").asInt(), query);
        });
    }

    @Test
    void scoreFiltersWithoutSortByListByScoreDescending() {
        List<JsonNode> leads = LeadData.walkByCursor(api, "minScore=40", 25);
        assertTrue(leads.size() > 25, "the order is checked across pages: " + leads.size() + " leads");
        for (int i = 1; i < leads.size(); i++) {
            assertTrue(leads.get(i - 1).path("score").asLong() >= leads.get(i).path("score").asLong());
        }
    }

    @Test
    void totalsPerStatusAreExactAndAddUpToEveryLead() {
        long sum = 0;
        for (String status : STATUSES) {
            ApiResponse r = api.get("/api/v2/leads?status=" + status + "&limit=1");
            long expected = all.stream().filter(l -> is(l, "status", status)).count();
            assertEquals(expected, r.data().path("pagination").path("total").asLong(), status);
            assertEquals(1, r.data().path("leads").size());
            sum += expected;
        }
        assertEquals(LEADS, sum);
    }

    @Test
    void contactedBeforeADateListsOldestContactFirst() {
        String weekAgo = Instant.now().minus(Duration.ofDays(7)).toString().replace("Z", "") + "Z";
        List<JsonNode> leads = LeadData.walkByCursor(api, "status=contacted&lastContactedBefore=" + q(weekAgo)
                + "&sortBy=lastContactedAt&sortOrder=asc", 100);
        List<JsonNode> expected = sorted(all.stream().filter(l -> is(l, "status", "contacted") && time(l, "lastContactedAt") != null
                && time(l, "lastContactedAt").isBefore(Instant.parse(weekAgo))).toList(), byTime("lastContactedAt"), true);
        assertEquals(ids(expected), ids(leads));
        assertTrue(!leads.isEmpty());
    }

    // ------------------------------------------------------------------ errors and cursors

    @Test
    void badValuesAndUnknownParametersAreReportedTogether() {
        ApiResponse r = api.get("/api/v2/leads?limit=500&page=0&status=won&source=fax&sortBy=email&sortOrder=up"
                + "&createdAfter=yesterday&minScore=lots&lastActive=2d&range=decade&search=a&colour=red");
        assertEquals(400, r.status());
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText());
        assertEquals("Invalid query parameters", r.body().path("message").asText());
        JsonNode p = r.body().path("details").path("invalidParams");
        assertEquals("Must be between 1 and 100", p.path("limit").asText());
        assertEquals("Must be at least 1", p.path("page").asText());
        assertEquals("Must be one of: new, contacted, replied, qualified, converted, cold, lost", p.path("status").asText());
        assertEquals("Must be one of: linkedin, website, referral, import, api", p.path("source").asText());
        assertEquals("Must be one of: createdAt, updatedAt, firstName, lastName, company, lastContactedAt, score", p.path("sortBy").asText());
        assertEquals("Must be one of: asc, desc", p.path("sortOrder").asText());
        assertEquals("Must be an ISO 8601 date-time or a date (YYYY-MM-DD)", p.path("createdAfter").asText());
        assertEquals("Must be an integer", p.path("minScore").asText());
        assertEquals("Must be one of: 7d, 30d", p.path("lastActive").asText());
        assertEquals("Must be one of: today, yesterday, last_7d, last_30d, last_90d", p.path("range").asText());
        assertEquals("Must be at least 2 characters", p.path("search").asText());
        assertEquals("Unknown parameter", p.path("colour").asText());
    }

    @Test
    void aCursorCannotBeForgedUsedByAnotherTenantOrReplayedWithOtherFilters() {
        String cursor = api.get("/api/v2/leads?status=new&limit=5").data().path("pagination").path("nextCursor").asText();
        assertEquals(200, api.get("/api/v2/leads?status=new&limit=5&cursor=" + q(cursor)).status());
        ApiResponse otherFilters = api.get("/api/v2/leads?status=cold&limit=5&cursor=" + q(cursor));
        assertEquals(400, otherFilters.status());
        assertTrue(otherFilters.body().path("details").path("invalidParams").has("cursor"));
        ApiResponse otherTenant = Fixture.newTenant(0).client().get("/api/v2/leads?status=new&limit=5&cursor=" + q(cursor));
        assertEquals(400, otherTenant.status());
        String forged = cursor.substring(0, cursor.indexOf('.')) + ".AAAA" + cursor.substring(cursor.indexOf('.') + 5);
        assertEquals(400, api.get("/api/v2/leads?status=new&limit=5&cursor=" + q(forged)).status());
        assertEquals(400, api.get("/api/v2/leads?cursor=garbage").status());
    }

    @Test
    void anotherTenantSeesNoneOfTheseLeads() {
        ApiResponse r = Fixture.newTenant(0).client().get("/api/v2/leads?limit=100");
        assertEquals(0, r.data().path("pagination").path("total").asInt());
        assertEquals(0, r.data().path("leads").size());
    }

    // ------------------------------------------------------------------ cost

    @Test
    void readAmplificationIsAtMostOneAndAHalfForTheListedFiltersAndEverySort() {
        DynamoLeadRepository repository = LeadData.repository();
        Instant mid = secondBatchStarted;
        List<String> queries = new ArrayList<>(List.of("", "status=qualified", "source=import", "status=new&source=linkedin",
                "createdAfter=" + mid, "createdBefore=" + mid, "updatedAfter=" + mid,
                "lastContactedAfter=" + Instant.now().minus(Duration.ofDays(20)),
                "lastContactedBefore=" + Instant.now().minus(Duration.ofDays(20)), "range=today", "range=last_7d",
                "lastActive=7d", "lastActive=30d", "minScore=40", "maxScore=40", "ownerId=alice", "companyId=" + companyId,
                "company=google"));
        for (String sort : List.of("createdAt", "updatedAt", "firstName", "lastName", "company", "lastContactedAt", "score")) {
            queries.add("sortBy=" + sort);
            queries.add("sortBy=" + sort + "&sortOrder=asc");
        }
        for (String query : queries) {
            ListLeadsQuery listQuery = parse(query + (query.isEmpty() ? "" : "&") + "limit=10");
            LeadPage first = repository.list(listQuery, null);
            assertTrue(first.leads().size() > 0, query + " should match something");
            assertTrue(first.stats().amplification(first.leads().size()) <= 1.5,
                    query + ": evaluated " + first.stats().scanned() + " for " + first.leads().size());
            if (first.nextPosition() != null) {
                LeadPage second = repository.list(listQuery, first.nextPosition());
                assertTrue(second.stats().amplification(second.leads().size()) <= 1.5, query + " (cursor page)");
            }
        }
        LeadPage counted = repository.list(parse("limit=10"), null);
        assertTrue(counted.stats().totalFromCounter(), "the unfiltered total comes from a counter");
        assertEquals(0, counted.stats().countScanned());
        assertTrue(repository.list(parse("status=new&source=api&limit=1"), null).stats().totalFromCounter());
    }

    @Test
    void pageNCostsOnlyTheKeysOfTheEarlierPages() {
        DynamoLeadRepository repository = LeadData.repository();
        LeadPage page5 = repository.list(parse("status=contacted&limit=5&page=5"), null);
        assertEquals(20, page5.stats().skipped(), "skipping evaluates exactly the earlier pages' entries");
        assertEquals(5, page5.stats().scanned());
    }

    private static ListLeadsQuery parse(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return ListLeadsParams.parse(tenant.tenantId(), null, new QueryParams(params), Instant.now());
    }

    // ------------------------------------------------------------------ expectations

    private static List<JsonNode> sorted(List<JsonNode> leads, Comparator<JsonNode> order, boolean asc) {
        List<JsonNode> copy = new ArrayList<>(leads);
        copy.sort(asc ? order : order.reversed());
        return copy;
    }

    private static Comparator<JsonNode> created() {
        return byTime("createdAt");
    }

    private static Comparator<JsonNode> byTime(String field) {
        return Comparator.comparing((JsonNode l) -> time(l, field), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(l -> text(l, "id"));
    }

    private static Comparator<JsonNode> byText(String field) {
        Function<JsonNode, String> key = l -> fold(text(l, field));
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(l -> text(l, "id"));
    }

    private static boolean is(JsonNode lead, String field, String value) {
        return value.equals(text(lead, field));
    }

    private static boolean hasTag(JsonNode lead, String tag) {
        for (JsonNode t : lead.path("tags")) {
            if (t.asText().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean active(JsonNode lead, Instant now, int days) {
        Instant at = time(lead, "lastEventAt");
        return at != null && !at.isBefore(now.minus(Duration.ofDays(days)));
    }
}
