package dev.leadbase.it.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every paged route, through HTTP: walking by cursor returns every item exactly once, and a cursor
 * that is forged, mangled, or issued for another tenant, route, lead, filters or key visibility is a
 * 400 naming {@code cursor}, never a page and never a 500.
 */
class CursorsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final int ITEMS = 5;

    /** A paged route: its path, where its items, their ids and the next cursor are in {@code data}. */
    record Route(String name, String path, String items, String id, boolean paginationObject) {
        String url(String query) {
            return path + (path.contains("?") ? "&" : "?") + query;
        }

        List<JsonNode> items(ApiResponse r) {
            List<JsonNode> out = new ArrayList<>();
            r.data().path(items).forEach(out::add);
            return out;
        }

        String nextCursor(ApiResponse r) {
            JsonNode next = paginationObject ? r.data().path("pagination").path("nextCursor") : r.data().path("nextCursor");
            return next.isNull() || next.isMissingNode() ? null : next.asText();
        }
    }

    static TestTenant a;
    static TestTenant b;
    static String lead;
    static String otherLead;
    static String leadOfB;
    static ApiClient own;
    static Map<String, Route> routes;

    @BeforeAll
    static void data() {
        a = Fixture.newTenant(100);
        b = Fixture.newTenant(0);
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            leads.add(created(a.client().post("/api/v2/leads", Map.of("email", "p" + i + "@example.com",
                    "firstName", "P" + i)), "id"));
            created(a.client().post("/api/v2/companies", Map.of("name", "Company " + i)), "id");
            created(a.client().post("/api/v2/scoring/rulesets", Map.of("name", "Rules " + i, "type", "engagement",
                    "rules", List.of(Map.of("eventType", "page_view", "points", 1)))), "id");
            created(a.client().post("/api/v2/webhooks", Map.of("url", "https://hooks.example.com/" + i,
                    "events", List.of("lead.created"))), "id");
        }
        for (int i = 2; i < ITEMS; i++) {
            Fixture.withKey(a.tenantId(), "user_" + (i + 1), "tenant", "leads:read");
        }
        own = Fixture.withKey(a.tenantId(), "user_1", "own").client();
        for (int i = 0; i < 3; i++) {
            ApiResponse job = a.client().post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", "j" + i + "@techcorp.com"))));
            assertEquals(202, job.status(), job.toString());
        }
        lead = leads.get(0);
        otherLead = leads.get(1);
        List<Map<String, Object>> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(3600);
        for (int i = 0; i < ITEMS; i++) {
            events.add(Map.of("leadId", lead, "type", "page_view", "eventId", "ev-" + i,
                    "occurredAt", at.plusSeconds(i).toString()));
        }
        events.add(Map.of("leadId", otherLead, "type", "page_view", "eventId", "ev-other"));
        assertEquals(202, a.client().post("/api/v2/events", Map.of("events", events)).status());
        leadOfB = created(b.client().post("/api/v2/leads", Map.of("email", "b@example.com")), "id");
        Fixture.eventually(WAIT, "events stored", () -> a.client().get("/api/v2/leads/" + lead + "/events?limit=100")
                .data().path("events").size() == ITEMS
                && a.client().get("/api/v2/leads/" + otherLead + "/events").data().path("events").size() == 1);
        // the scores those events wrote reach the leads' indexes after a lag, as on AWS: list once they have
        Fixture.awaitIndexes();

        routes = new LinkedHashMap<>();
        for (Route r : List.of(
                new Route("leads", "/api/v2/leads", "leads", "id", true),
                new Route("companies", "/api/v2/companies", "companies", "id", true),
                new Route("enrichment jobs", "/api/v2/enrich", "jobs", "jobId", true),
                new Route("lead events", "/api/v2/leads/" + lead + "/events", "events", "eventId", false),
                new Route("api keys", "/api/v2/api-keys", "apiKeys", "keyId", true),
                new Route("rule sets", "/api/v2/scoring/rulesets", "rulesets", "id", false),
                new Route("webhooks", "/api/v2/webhooks", "webhooks", "id", true))) {
            routes.put(r.name(), r);
        }
    }

    @Test
    void walkingEveryPagedRouteByCursorReturnsEveryItemExactlyOnce() {
        Map<String, Integer> expected = Map.of("leads", ITEMS, "companies", ITEMS, "enrichment jobs", 3,
                "lead events", ITEMS, "api keys", ITEMS, "rule sets", ITEMS, "webhooks", ITEMS);
        for (Route route : routes.values()) {
            ApiResponse whole = a.client().get(route.url("limit=100"));
            assertEquals(200, whole.status(), route.name() + ": " + whole);
            assertEquals(null, route.nextCursor(whole), route.name() + ": one page holds everything");
            Set<String> all = ids(route, route.items(whole));
            assertEquals(expected.get(route.name()), all.size(), route.name());
            for (int limit : new int[] {1, 2}) {
                List<String> walked = new ArrayList<>();
                String cursor = null;
                int pages = 0;
                do {
                    ApiResponse page = a.client().get(route.url("limit=" + limit + (cursor == null ? "" : "&cursor=" + q(cursor))));
                    assertEquals(200, page.status(), route.name() + ": " + page);
                    assertTrue(route.items(page).size() <= limit, route.name());
                    route.items(page).forEach(i -> walked.add(i.path(route.id()).asText()));
                    cursor = route.nextCursor(page);
                    assertTrue(++pages <= all.size() + 1, route.name() + ": the walk ends");
                } while (cursor != null);
                assertEquals(walked.size(), new HashSet<>(walked).size(), route.name() + ": no item twice " + walked);
                assertEquals(all, new HashSet<>(walked), route.name() + ": every item, limit " + limit);
                assertEquals(List.copyOf(ids(route, route.items(whole))), walked, route.name() + ": in list order");
            }
        }
    }

    @Test
    void aForgedMangledOrTruncatedCursorIsA400NamingCursorOnEveryPagedRoute() {
        for (Route route : routes.values()) {
            String cursor = firstCursor(a.client(), route);
            int dot = cursor.indexOf('.') > 0 ? cursor.indexOf('.') : cursor.length() / 2;
            List<String> bad = new ArrayList<>(List.of(
                    "garbage", "%%%", "....", ".", "a.b.c", "eyJ9", cursor.substring(0, dot), cursor + "x",
                    cursor.substring(0, cursor.length() - 3),
                    flip(cursor, cursor.length() - 1),
                    flip(cursor, 0),
                    cursor.substring(0, dot) + "." + cursor.substring(0, dot),
                    "x".repeat(9_000)));
            // unsigned positions: a job's sort key, a raw DynamoDB key
            bad.add(b64("JOB#job_0000000001abcdefghij"));
            bad.add(b64("leadKey\u0001S" + b.tenantId() + "#" + leadOfB + "\u0002eventId\u0001Sx\u0002occurredMs\u0001N1\u0002"));
            bad.add(b64("leadKey\u0001S" + a.tenantId() + "#" + lead + "\u0002eventId\u0001S\u0002occurredMs\u0001Nabc\u0002"));
            for (String c : bad) {
                assertCursorRefused(a.client().get(route.url("limit=2&cursor=" + q(c))), route.name() + " with " + abbreviate(c));
            }
        }
    }

    @Test
    void aCursorOfAnotherTenantIsA400OnEveryPagedRoute() {
        for (Route route : routes.values()) {
            String cursor = firstCursor(a.client(), route);
            String path = route.name().equals("lead events") ? "/api/v2/leads/" + leadOfB + "/events" : route.path();
            ApiResponse r = b.client().get(path + "?limit=2&cursor=" + q(cursor));
            assertCursorRefused(r, route.name());
        }
    }

    @Test
    void aCursorOfAnotherRouteIsA400OnEveryPagedRoute() {
        Map<String, String> cursors = new LinkedHashMap<>();
        routes.values().forEach(r -> cursors.put(r.name(), firstCursor(a.client(), r)));
        for (Route route : routes.values()) {
            cursors.forEach((issuer, cursor) -> {
                if (!issuer.equals(route.name())) {
                    assertCursorRefused(a.client().get(route.url("limit=2&cursor=" + q(cursor))),
                            issuer + " cursor on " + route.name());
                }
            });
        }
    }

    @Test
    void anEventCursorOfOneLeadIsA400OnAnotherLead() {
        String cursor = firstCursor(a.client(), routes.get("lead events"));
        assertCursorRefused(a.client().get("/api/v2/leads/" + otherLead + "/events?limit=2&cursor=" + q(cursor)),
                "another lead of the tenant");
        assertCursorRefused(b.client().get("/api/v2/leads/" + leadOfB + "/events?limit=2&cursor=" + q(cursor)),
                "a lead of another tenant");
        assertEquals(200, a.client().get("/api/v2/leads/" + lead + "/events?limit=2&cursor=" + q(cursor)).status());
    }

    @Test
    void aCursorReplayedWithOtherFiltersIsA400() {
        String leads = firstCursor(a.client(), new Route("leads", "/api/v2/leads?sortBy=firstName", "leads", "id", true));
        assertEquals(200, a.client().get("/api/v2/leads?sortBy=firstName&limit=2&cursor=" + q(leads)).status());
        for (String other : List.of("sortBy=lastName", "sortBy=firstName&sortOrder=asc", "sortBy=firstName&status=new",
                "sortBy=firstName&search=p0", "")) {
            assertCursorRefused(a.client().get("/api/v2/leads?limit=2&" + other + "&cursor=" + q(leads)), "leads " + other);
        }
        String companies = firstCursor(a.client(), routes.get("companies"));
        assertCursorRefused(a.client().get("/api/v2/companies?limit=2&domain=example.com&cursor=" + q(companies)),
                "companies with a domain");
    }

    @Test
    void aCursorIsBoundToAFilterGivenUnderItsSnakeCaseAlias() {
        String since2000 = "sortBy=firstName&created_after=2000-01-01T00:00:00Z";
        String cursor = firstCursor(a.client(), new Route("leads", "/api/v2/leads?" + since2000, "leads", "id", true));
        assertEquals(200, a.client().get("/api/v2/leads?limit=2&" + since2000 + "&cursor=" + q(cursor)).status());
        assertEquals(200, a.client().get("/api/v2/leads?limit=2&sortBy=firstName&createdAfter=2000-01-01T00:00:00Z&cursor="
                + q(cursor)).status(), "the same filter under its own name");
        assertCursorRefused(a.client().get("/api/v2/leads?limit=2&sortBy=firstName&created_after=2001-01-01T00:00:00Z&cursor="
                + q(cursor)), "another created_after");
    }

    @Test
    void aCursorOfATenantWideKeyIsA400ForAnOwnKeyOfTheSameTenant() {
        for (Route route : routes.values()) {
            ApiResponse r = own.get(route.url("limit=2&cursor=" + q(firstCursor(a.client(), route))));
            if (route.name().equals("webhooks")) {
                assertEquals(403, r.status(), "an own key may not list webhooks at all: " + r);
                continue;
            }
            assertCursorRefused(r, route.name());
        }
    }

    @Test
    void anEmptyCursorMeansTheFirstPage() {
        for (Route route : routes.values()) {
            ApiResponse r = a.client().get(route.url("limit=2&cursor="));
            assertEquals(200, r.status(), route.name() + ": " + r);
            assertEquals(ids(route, route.items(a.client().get(route.url("limit=2")))), ids(route, route.items(r)));
        }
    }

    static String firstCursor(ApiClient client, Route route) {
        ApiResponse first = client.get(route.url("limit=2"));
        assertEquals(200, first.status(), route.name() + ": " + first);
        String cursor = route.nextCursor(first);
        assertFalse(cursor == null, route.name() + " has a second page");
        return cursor;
    }

    static void assertCursorRefused(ApiResponse r, String what) {
        assertEquals(400, r.status(), what + ": " + r);
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText(), what + ": " + r);
        assertTrue(r.body().path("details").path("invalidParams").has("cursor"), what + " names cursor: " + r);
    }

    private static Set<String> ids(Route route, List<JsonNode> items) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        items.forEach(i -> ids.add(i.path(route.id()).asText()));
        return ids;
    }

    private static String created(ApiResponse r, String idField) {
        assertTrue(r.status() == 201, r.toString());
        return r.data().path(idField).asText();
    }

    /** The cursor with one character changed (within the base64url alphabet). */
    private static String flip(String cursor, int index) {
        char c = cursor.charAt(index);
        char other = c == 'A' ? 'B' : 'A';
        return cursor.substring(0, index) + other + cursor.substring(index + 1);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
