package dev.leadbase.it.paging;

import static dev.leadbase.it.paging.CursorsTest.assertCursorRefused;
import static dev.leadbase.it.paging.CursorsTest.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.shared.config.Config;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.composition.Components;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cursors signed with the server's own secret but holding a position no page ever ends at (an empty
 * key, a negative offset or page, a field of the wrong type, a missing or extra field, a key the
 * store refuses): each is a 400 naming {@code cursor}, never a 500. As if the secret had leaked.
 */
class CursorPositionTest {
    private static CursorSigner signer;
    private static TestTenant t;
    private static String lead;

    @BeforeAll
    static void setUp() {
        // the servers' signer, built as a function builds it, from that function's configuration
        signer = Components.of(Config.of(Fixture.runtime().function("ListLeadsFunction").environment()),
                Fixture.runtime().dynamo(), Fixture.runtime().sqs(), Clock.systemUTC()).cursorSigner();
        t = Fixture.newTenant(10);
        for (int i = 0; i < 3; i++) {
            var created = t.client().post("/api/v2/leads", Map.of("email", "c" + i + "@example.com"));
            assertEquals(201, created.status());
            lead = created.data().path("id").asText();
            assertEquals(201, t.client().post("/api/v2/companies", Map.of("name", "Co " + i)).status());
        }
        assertEquals(201, t.client().post("/api/v2/scoring/rulesets", Map.of("name", "R", "type", "engagement",
                "rules", List.of(Map.of("eventType", "page_view", "points", 1)))).status());
        assertEquals(202, t.client().post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", "x@techcorp.com")))).status());
    }

    @Test
    void leadCursorsWithAnEmptyKeyANegativeOffsetOrWrongTypesAre400() {
        String keyed = "/api/v2/leads?limit=1";
        CursorScope byKey = scope(PagedRoute.LEADS).filters(fingerprint(Map.of()));
        String sorted = "/api/v2/leads?limit=1&search=example&sortBy=firstName";
        CursorScope byOffset = scope(PagedRoute.LEADS).filters(fingerprint(Map.of("search", "example", "sortBy", "firstName")));
        String after = "/api/v2/leads?limit=1&createdAfter=2020-01-01";
        CursorScope inRange = scope(PagedRoute.LEADS).filters(fingerprint(Map.of("createdAfter", "2020-01-01")));

        // controls: the server's signer and the server's filter fingerprints, with positions a page could end at
        String now = LeadKeys.time(Instant.now()) + "#" + lead;
        assertEquals(200, get(sorted, byOffset, Position.of("p", 2, "o", 1)).status(), "control");
        assertEquals(200, get(keyed, byKey, Position.of("p", 2, "k", now, "i", lead)).status(), "control");
        assertEquals(200, get(after, inRange, Position.of("p", 2, "k", now, "i", lead)).status(), "control");
        for (Position p : List.of(
                Position.of("p", 2, "k", "", "i", lead),
                Position.of("p", 2, "k", "x", "i", ""),
                Position.of("p", 0, "k", "x", "i", lead),
                Position.of("p", -1, "k", "x", "i", lead),
                Position.of("p", 2_147_483_648L, "k", "x", "i", lead),
                Position.of("p", "2", "k", "x", "i", lead),
                Position.of("p", 2, "k", 7, "i", lead),
                Position.of("p", 2, "k", "x"),
                Position.of("p", 2, "k", "x", "i", lead, "o", 0),
                Position.of("p", 2, "o", 1),
                Position.of("p", 2, "k", "x".repeat(1025), "i", lead))) {
            assertCursorRefused(get(keyed, byKey, p), "keyed " + p);
        }
        for (Position p : List.of(
                Position.of("p", 2, "o", -1),
                Position.of("p", 2, "o", "1"),
                Position.of("p", 2, "o", 1L << 40),
                Position.of("p", 2, "k", "x", "i", lead))) {
            assertCursorRefused(get(sorted, byOffset, p), "offset " + p);
        }
        // well-formed, but outside the range the filter's key condition reads: DynamoDB refuses the start key
        assertCursorRefused(get(after, inRange, Position.of("p", 2, "k", "0", "i", lead)), "a start key outside the key condition");
    }

    @Test
    void companyCursorsWithAnEmptyKeyOrANegativePageAre400() {
        String path = "/api/v2/companies?limit=1";
        CursorScope scope = scope(PagedRoute.COMPANIES);
        assertEquals(200, get(path, scope, Position.of("p", 2, "k", "~", "i", "cmp_x")).status(), "control");
        for (Position p : List.of(
                Position.of("p", 2, "k", "", "i", ""),
                Position.of("p", 2, "k", "co 1#cmp_x", "i", ""),
                Position.of("p", -3, "k", "x", "i", "cmp_x"),
                Position.of("p", 2, "k", "x"),
                Position.of("p", 2, "k", "x", "i", 5))) {
            assertCursorRefused(get(path, scope, p), "companies " + p);
        }
    }

    @Test
    void jobEventKeyAndRulesetCursorsWithMalformedPositionsAre400() {
        CursorScope jobs = scope(PagedRoute.ENRICHMENT_JOBS);
        assertEquals(200, get("/api/v2/enrich?limit=1", jobs, Position.of("j", "job_zzz")).status(), "control");
        for (Position p : List.of(Position.of("j", ""), Position.of("j", 1), Position.of(), Position.of("j", "x", "k", "y"))) {
            assertCursorRefused(get("/api/v2/enrich?limit=1", jobs, p), "jobs " + p);
        }

        String events = "/api/v2/leads/" + lead + "/events?limit=1";
        CursorScope ofLead = scope(PagedRoute.LEAD_EVENTS).parent(lead);
        assertEquals(200, get(events, ofLead, Position.of("e", "ev", "t", Instant.now().toEpochMilli())).status(), "control");
        for (Position p : List.of(Position.of("e", "", "t", 1), Position.of("e", "x", "t", "1"), Position.of("e", "x"),
                Position.of("e", 3, "t", 1), Position.of("t", 1))) {
            assertCursorRefused(get(events, ofLead, p), "events " + p);
        }

        CursorScope keys = scope(PagedRoute.API_KEYS);
        assertEquals(200, get("/api/v2/api-keys?limit=1", keys, Position.of("k", "key_")).status(), "control");
        for (Position p : List.of(Position.of("k", ""), Position.of("k", 0), Position.of("i", "key_"))) {
            assertCursorRefused(get("/api/v2/api-keys?limit=1", keys, p), "keys " + p);
        }

        CursorScope rulesets = scope(PagedRoute.RULESETS);
        assertEquals(200, get("/api/v2/scoring/rulesets?limit=1", rulesets,
                Position.of("c", "2000-01-01T00:00:00Z", "i", "a")).status(), "control");
        for (Position p : List.of(Position.of("c", "not a time", "i", "a"), Position.of("c", "", "i", "a"),
                Position.of("c", "2000-01-01T00:00:00Z"), Position.of("c", 946_684_800_000L, "i", "a"))) {
            assertCursorRefused(get("/api/v2/scoring/rulesets?limit=1", rulesets, p), "rule sets " + p);
        }
    }

    private static ApiResponse get(String path, CursorScope scope, Position position) {
        return t.client().get(path + "&cursor=" + q(signer.sign(scope, position)));
    }

    private static CursorScope scope(PagedRoute route) {
        return new CursorScope(route, t.tenantId(), "", "", "");
    }

    private static String fingerprint(Map<String, String> params) {
        return ListLeadsParams.parse(t.tenantId(), null, new QueryParams(params), Instant.now()).fingerprint();
    }
}
