package dev.leadbase.it.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.shared.json.Json;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ids are checked by their format and length before any store is asked (malformed: 400 naming the parameter or
 * field; well-formed but unknown: 404), query parameters are typed and ranges ordered, and the local server answers
 * a malformed URL with the API's error body.
 */
class StrictIdsAndParamsTest {
    private static final String LONG = "x".repeat(2000);
    private final TestTenant t = Fixture.newTenant(10);

    private static void assertInvalidParam(ApiResponse r, String name) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText(), r.toString());
        assertTrue(r.body().path("details").path("invalidParams").has(name), "names " + name + ": " + r);
    }

    private static void assertInvalidField(ApiResponse r, String name) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText(), r.toString());
        assertTrue(r.body().path("details").path("invalidFields").has(name), "names " + name + ": " + r);
    }

    @Test
    void malformedPathIdsAreA400NamingTheParameterAndUnknownOnesA404() {
        for (String bad : List.of("lead_" + LONG, LONG, "cmp_abc", "lead_a-b")) {
            assertInvalidParam(t.client().get("/api/v2/leads/" + bad), "id");
            assertInvalidParam(t.client().patch("/api/v2/leads/" + bad, Map.of("notes", "x")), "id");
            assertInvalidParam(t.client().delete("/api/v2/leads/" + bad), "id");
            assertInvalidParam(t.client().get("/api/v2/leads/" + bad + "/events"), "id");
            assertInvalidParam(t.client().get("/api/v2/leads/" + bad + "/score"), "id");
        }
        assertInvalidParam(t.client().get("/api/v2/companies/cmp_" + LONG), "id");
        assertInvalidParam(t.client().get("/api/v2/scoring/rulesets/rs_" + LONG), "id");
        assertInvalidParam(t.client().put("/api/v2/scoring/rulesets/rs_" + LONG, Map.of("name", "x")), "id");
        assertInvalidParam(t.client().delete("/api/v2/scoring/rulesets/rs_" + LONG), "id");
        assertInvalidParam(t.client().post("/api/v2/scoring/rulesets/rs_" + LONG + "/test", Map.of("lead", Map.of())), "id");
        assertInvalidParam(t.client().get("/api/v2/enrich/job_" + LONG), "jobId");
        assertInvalidParam(t.client().delete("/api/v2/api-keys/key_" + LONG), "keyId");
        assertInvalidParam(Fixture.admin().delete("/api/v2/admin/api-keys/key_" + LONG), "keyId");
        assertInvalidParam(Fixture.admin().post("/api/v2/admin/tenants/tnt_" + LONG + "/credits", Map.of("amount", 1)), "tenantId");
        assertInvalidParam(Fixture.admin().post("/api/v2/admin/tenants/tnt_" + LONG + "/api-keys",
                Map.of("permissions", List.of("leads:read"))), "tenantId");

        assertEquals(404, t.client().get("/api/v2/leads/lead_unknown1").status());
        assertEquals(404, t.client().get("/api/v2/companies/cmp_unknown1").status());
        assertEquals(404, t.client().get("/api/v2/scoring/rulesets/rs_unknown1").status());
        assertEquals(404, t.client().get("/api/v2/enrich/job_unknown1").status());
        assertEquals(404, t.client().delete("/api/v2/api-keys/key_unknown1").status());
        assertEquals(404, Fixture.admin().post("/api/v2/admin/tenants/tnt_unknown1/credits", Map.of("amount", 1)).status());
    }

    @Test
    void malformedIdsInBodiesAndQueriesAreA400NamingThem() {
        assertInvalidParam(t.client().get("/api/v2/leads/top?rulesetId=rs_" + LONG), "rulesetId");
        assertInvalidParam(t.client().get("/api/v2/leads?companyId=cmp_" + LONG), "companyId");
        assertInvalidField(t.client().post("/api/v2/leads", Map.of("email", "c@example.com", "companyId", "cmp_" + LONG)),
                "companyId");
        assertInvalidField(t.client().post("/api/v2/events", Map.of("events",
                List.of(Map.of("leadId", "lead_" + LONG, "type", "page_view")))), "events[0].leadId");
        assertInvalidField(t.client().post("/api/v2/events", Map.of("events",
                List.of(Map.of("leadId", "lead_abc", "type", "page_view", "eventId", "has space")))), "events[0].eventId");
        assertInvalidField(t.client().post("/api/v2/events", Map.of("events",
                List.of(Map.of("leadId", "lead_abc", "type", "page_view", "eventId", "e".repeat(129))))), "events[0].eventId");
        ApiResponse ruleset = t.client().post("/api/v2/scoring/rulesets", Map.of("name", "p", "type", "profile",
                "rules", List.of(Map.of("field", "source", "operator", "equals", "value", "referral", "points", 1))));
        assertEquals(201, ruleset.status(), ruleset.toString());
        assertInvalidField(t.client().post("/api/v2/scoring/rulesets/" + ruleset.data().path("id").asText() + "/test",
                Map.of("leadId", "lead_" + LONG)), "leadId");

        ApiResponse enrich = t.client().post("/api/v2/enrich", Map.of("leads", List.of(Map.of("leadId", "lead_" + LONG))));
        assertEquals(400, enrich.status(), enrich.toString());
        JsonNode error = enrich.body().path("details").path("errors").get(0);
        assertEquals(0, error.path("index").asInt(), enrich.toString());
        assertTrue(error.toString().contains("leadId"), enrich.toString());
        assertEquals(10, t.client().get("/api/v2/credits").data().path("remaining").asLong(), "nothing was reserved");
    }

    @Test
    void dateRangesMustBeOrderedAndQueryValuesTyped() {
        ApiResponse created = t.client().get("/api/v2/leads?createdAfter=2024-02-01T00:00:00Z&createdBefore=2024-01-01T00:00:00Z");
        assertInvalidParam(created, "createdAfter");
        assertInvalidParam(created, "createdBefore");
        ApiResponse contacted = t.client().get("/api/v2/leads?lastContactedAfter=2024-02-01&lastContactedBefore=2024-01-01");
        assertInvalidParam(contacted, "lastContactedAfter");
        assertInvalidParam(contacted, "lastContactedBefore");
        assertInvalidParam(t.client().get("/api/v2/leads?range=today&createdBefore=2020-01-01"), "range");
        assertInvalidParam(t.client().get("/api/v2/leads?createdAfter=2024-01-01&createdBefore=2024-01-01"), "createdBefore");
        ApiResponse oneMilli = t.client().get(
                "/api/v2/leads?createdAfter=2024-01-01T00:00:00.000Z&createdBefore=2024-01-01T00:00:00.001Z");
        assertEquals(200, oneMilli.status(), oneMilli.toString());
        assertInvalidParam(t.client().get("/api/v2/leads?search=ab%00cd"), "search");
        assertInvalidParam(t.client().get("/api/v2/leads?title=" + "t".repeat(5000)), "title");
    }

    @Test
    void aBadQueryValueIsNamedAsSentAliasesIncluded() {
        for (String alias : List.of("min_score=abc", "max_score=1.5", "created_after=bogus", "created_before=bogus",
                "last_active=7D", "event_type=" + LONG, "company_id=cmp_a-b", "company_id=")) {
            String name = alias.substring(0, alias.indexOf('='));
            ApiResponse r = t.client().get("/api/v2/leads?" + alias);
            assertInvalidParam(r, name);
            assertEquals(1, r.body().path("details").path("invalidParams").size(), "only " + name + ": " + r);
        }
        assertInvalidParam(t.client().get("/api/v2/leads?companyId=cmp_a&company_id=cmp_b"), "company_id");
    }

    @Test
    void anEmptyIdFilterIsMalformed() {
        assertInvalidParam(t.client().get("/api/v2/leads?companyId="), "companyId");
        assertInvalidParam(t.client().get("/api/v2/leads/top?rulesetId="), "rulesetId");
    }

    @Test
    void routesThatTakeNoQueryParametersRefuseAnyBeforeDoingAnything() {
        ApiResponse job = t.client().post("/api/v2/enrich?zzUnknown=1",
                Map.of("leads", List.of(Map.of("email", "q@example.com"))));
        assertInvalidParam(job, "zzUnknown");
        assertEquals(10, t.client().get("/api/v2/credits").data().path("remaining").asLong(), "nothing was reserved");
        ApiResponse ruleset = t.client().post("/api/v2/scoring/rulesets", Map.of("name", "q", "type", "engagement",
                "rules", List.of(Map.of("eventType", "page_view", "points", 1))));
        String id = ruleset.data().path("id").asText();
        assertInvalidParam(t.client().delete("/api/v2/scoring/rulesets/" + id + "?force=true"), "force");
        assertEquals(200, t.client().get("/api/v2/scoring/rulesets/" + id).status(), "the rule set is still there");
        assertInvalidParam(t.client().post("/api/v2/events?dryRun=1", Map.of("events",
                List.of(Map.of("leadId", "lead_abc", "type", "page_view")))), "dryRun");
        assertInvalidParam(t.client().get("/api/v2/credits?x=1"), "x");
        assertInvalidParam(Fixture.admin().post("/api/v2/admin/tenants?credits=5", Map.of("name", "q")), "credits");
    }

    @Test
    void malformedUrlsGetTheErrorBodyNotAnHtmlPage() throws IOException {
        for (String target : List.of("/api/v2/leads/%zz", "/api/v2/leads/lead_%", "/api/v2/leads?status=%zz",
                "/api/v2/leads?search=%e2%28", "/api/v2/leads/{id}", "/api/v2/no/such/%zz")) {
            RawResponse r = raw("GET", target, t.apiKey());
            assertTrue(r.status() == 400 || r.status() == 404, target + " → " + r);
            assertTrue(r.contentType().startsWith("application/json"), target + " → " + r);
            JsonNode body = Json.read(r.body());
            assertTrue(body.path("error").asBoolean(), target + " → " + r);
        }
        RawResponse path = raw("GET", "/api/v2/leads/%zz", t.apiKey());
        assertEquals(400, path.status(), path.toString());
        assertEquals("VALIDATION_ERROR", Json.read(path.body()).path("code").asText());
        assertTrue(Json.read(path.body()).path("details").path("invalidParams").has("id"), path.toString());
        RawResponse query = raw("GET", "/api/v2/leads?status=%zz", t.apiKey());
        assertEquals(400, query.status(), query.toString());
        assertTrue(Json.read(query.body()).path("details").path("invalidParams").has("status"), query.toString());
    }

    record RawResponse(int status, String contentType, String body) {
    }

    /** One request written byte for byte: java.net.URI refuses to build these targets. */
    private static RawResponse raw(String method, String target, String apiKey) throws IOException {
        URI base = URI.create(Fixture.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nx-api-key: " + apiKey
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headersEnd);
            int status = Integer.parseInt(head.split(" ")[1]);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new RawResponse(status, contentType, response.substring(headersEnd + 4));
        }
    }
}
