package dev.leadbase.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml describes what the local runtime really answers: real responses of every documented
 * route, successes and errors, are validated against the document's JSON Schemas (2020-12, OpenAPI
 * 3.1 dialect) with networknt's json-schema-validator.
 */
class OpenApiContractTest {
    private static final String DOCUMENT = OpenApiDocument.LOCATION;
    private static JsonNode spec;
    private static JsonSchemaFactory factory;
    private static final Set<String> checked = new TreeSet<>();

    @BeforeAll
    static void load() {
        OpenApiDocument document = OpenApiDocument.load();
        spec = document.spec();
        assertEquals("3.1.0", spec.path("openapi").asText());
        factory = document.factory();
    }

    @Test
    void realResponsesOfEveryRouteMatchTheDocument() {
        TestTenant tenant = Fixture.newTenant(0);
        ApiClient api = tenant.client();
        String q = "?limit=2&sortBy=lastName&sortOrder=asc";

        ApiResponse company = check("POST", "/api/v2/companies", api.post("/api/v2/companies",
                Map.of("name", "Contract Co", "domain", "contract.example", "industry", "Testing")));
        String companyId = company.data().path("id").asText();
        check("POST", "/api/v2/companies", api.post("/api/v2/companies", Map.of("name", "Again", "domain", "contract.example")));
        check("POST", "/api/v2/companies", api.post("/api/v2/companies", Map.of("nom", "x")));
        check("GET", "/api/v2/companies", api.get("/api/v2/companies?limit=1"));
        check("GET", "/api/v2/companies", api.get("/api/v2/companies?limit=0"));
        check("GET", "/api/v2/companies/{id}", api.get("/api/v2/companies/" + companyId));
        check("GET", "/api/v2/companies/{id}", api.get("/api/v2/companies/cmp_missing"));

        Map<String, Object> lead = new LinkedHashMap<>(Map.of("firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@contract.io", "companyId", companyId, "tags", List.of("math"),
                "customFields", Map.of("budget", "$50k+", "seats", 3, "pilot", true)));
        ApiResponse created = check("POST", "/api/v2/leads", api.post("/api/v2/leads", lead, "Idempotency-Key", "contract-1"));
        String id = created.data().path("id").asText();
        check("POST", "/api/v2/leads", api.post("/api/v2/leads", lead, "Idempotency-Key", "contract-1"));
        check("POST", "/api/v2/leads", api.post("/api/v2/leads", lead));
        check("POST", "/api/v2/leads", api.post("/api/v2/leads", Map.of("status", "won")));
        check("POST", "/api/v2/leads", api.post("/api/v2/leads", "{not json"));
        check("POST", "/api/v2/leads/batch", api.post("/api/v2/leads/batch", Map.of("leads", List.of(
                Map.of("email", "b1@contract.io"), Map.of("email", "ada@contract.io"), Map.of("firstName", "X")))));
        check("POST", "/api/v2/leads/batch", api.post("/api/v2/leads/batch", Map.of("leads", List.of())));
        check("GET", "/api/v2/leads/{id}", api.get("/api/v2/leads/" + id));
        check("GET", "/api/v2/leads/{id}", api.get("/api/v2/leads/lead_missing"));
        check("PATCH", "/api/v2/leads/{id}", api.patch("/api/v2/leads/" + id, Map.of("status", "qualified",
                "lastContactedAt", "2024-01-16T09:15:00Z"), "If-Match", "\"1\""));
        check("PATCH", "/api/v2/leads/{id}", api.patch("/api/v2/leads/" + id, Map.of("notes", "x"), "If-Match", "\"1\""));
        check("PATCH", "/api/v2/leads/{id}", api.patch("/api/v2/leads/" + id, Map.of("status", "won")));
        check("GET", "/api/v2/leads", api.get("/api/v2/leads" + q));
        String cursor = api.get("/api/v2/leads?limit=1").data().path("pagination").path("nextCursor").asText();
        check("GET", "/api/v2/leads", api.get("/api/v2/leads?limit=1&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
        check("GET", "/api/v2/leads", api.get("/api/v2/leads?search=ada%20love&status=qualified&minScore=0"));
        check("GET", "/api/v2/leads", api.get("/api/v2/leads?limit=0&colour=red"));
        check("GET", "/api/v2/leads", Fixture.anonymous().get("/api/v2/leads"));
        check("GET", "/api/v2/leads", Fixture.withKey(tenant.tenantId(), "u2", "tenant", "scoring:read").client().get("/api/v2/leads"));
        check("DELETE", "/api/v2/leads/{id}", api.delete("/api/v2/leads/" + id, "If-Match", "\"1\""));
        check("DELETE", "/api/v2/leads/{id}", api.delete("/api/v2/leads/" + id));

        check("GET", "/api/v2/api-keys", api.get("/api/v2/api-keys"));
        ApiResponse key = check("POST", "/api/v2/api-keys", api.post("/api/v2/api-keys",
                Map.of("userId", "u3", "permissions", List.of("leads:read"), "visibility", "own")));
        check("POST", "/api/v2/api-keys", api.post("/api/v2/api-keys", Map.of("permissions", List.of("nope"))));
        check("DELETE", "/api/v2/api-keys/{keyId}", api.delete("/api/v2/api-keys/" + key.data().path("keyId").asText()));
        ApiResponse tenantCreated = check("POST", "/api/v2/admin/tenants", Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", "contract tenant", "credits", 5)));
        String tenantId = tenantCreated.data().path("tenantId").asText();
        check("POST", "/api/v2/admin/tenants/{tenantId}/credits", Fixture.admin().post("/api/v2/admin/tenants/" + tenantId + "/credits",
                Map.of("amount", 10)));
        ApiResponse adminKey = check("POST", "/api/v2/admin/tenants/{tenantId}/api-keys", Fixture.admin().post(
                "/api/v2/admin/tenants/" + tenantId + "/api-keys", Map.of("userId", "u", "permissions", List.of("leads:read"))));
        check("DELETE", "/api/v2/admin/api-keys/{keyId}", Fixture.admin().delete("/api/v2/admin/api-keys/"
                + adminKey.data().path("keyId").asText()));
        check("POST", "/api/v2/admin/tenants", api.post("/api/v2/admin/tenants", Map.of("name", "x")));

        // enrichment: submit 202/400/402/429, job 200/404, list, credits
        ApiClient enricher = Fixture.newTenant(1).client();
        ApiResponse submitted = check("POST", "/api/v2/enrich", enricher.post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "ada.byron@contract.io")))));
        String jobId = submitted.data().path("jobId").asText();
        check("POST", "/api/v2/enrich", enricher.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("firstName", "X")))));
        check("POST", "/api/v2/enrich", enricher.post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "a.b@contract.io"), Map.of("email", "c.d@contract.io")))));
        ApiResponse limited = Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", "limited", "credits", 10, "enrichPerHourLimit", 1));
        check("POST", "/api/v2/enrich", Fixture.withKey(limited.data().path("tenantId").asText(), "u", "tenant",
                "leads:enrich").client().post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "e.f@contract.io"), Map.of("email", "g.h@contract.io")))));
        Fixture.eventually(java.time.Duration.ofSeconds(20), "the enrichment job to finish", () ->
                enricher.get("/api/v2/enrich/" + jobId).data().path("status").asText().equals("completed"));
        check("GET", "/api/v2/enrich/{jobId}", enricher.get("/api/v2/enrich/" + jobId));
        check("GET", "/api/v2/enrich/{jobId}", enricher.get("/api/v2/enrich/job_missing"));
        check("GET", "/api/v2/enrich", enricher.get("/api/v2/enrich?limit=1"));
        check("GET", "/api/v2/enrich", enricher.get("/api/v2/enrich?limit=0"));
        check("GET", "/api/v2/credits", enricher.get("/api/v2/credits"));

        // scoring: rule sets, their test, events, a lead's events and score, top leads
        TestTenant scorer = Fixture.newTenant(0);
        ApiClient sc = scorer.client();
        Map<String, Object> engagement = Map.of("name", "Engagement - Standard", "type", "engagement", "primary", true,
                "decay", Map.of("points", 5, "intervalDays", 7), "thresholds", List.of(Map.of("level", "cold", "min", 0),
                        Map.of("level", "warm", "min", 20), Map.of("level", "hot", "min", 50)),
                "rules", List.of(Map.of("eventType", "page_view", "points", 5, "maxPerDay", 2),
                        Map.of("eventType", "demo_request", "points", 30)));
        String rulesetId = check("POST", "/api/v2/scoring/rulesets", sc.post("/api/v2/scoring/rulesets", engagement))
                .data().path("id").asText();
        Map<String, Object> profile = Map.of("name", "Profile - Fit", "type", "profile", "rules", List.of(
                Map.of("field", "title", "operator", "contains", "value", List.of("vp", "ceo"), "points", 10)));
        String profileId = check("POST", "/api/v2/scoring/rulesets", sc.post("/api/v2/scoring/rulesets", profile))
                .data().path("id").asText();
        check("POST", "/api/v2/scoring/rulesets", sc.post("/api/v2/scoring/rulesets", Map.of("type", "x")));
        check("POST", "/api/v2/scoring/rulesets", sc.post("/api/v2/scoring/rulesets", Map.of("name", "B",
                "type", "engagement", "primary", true, "rules", List.of())));
        check("GET", "/api/v2/scoring/rulesets", sc.get("/api/v2/scoring/rulesets"));
        check("GET", "/api/v2/scoring/rulesets/{id}", sc.get("/api/v2/scoring/rulesets/" + rulesetId));
        check("GET", "/api/v2/scoring/rulesets/{id}", sc.get("/api/v2/scoring/rulesets/rs_missing"));
        check("PUT", "/api/v2/scoring/rulesets/{id}", sc.put("/api/v2/scoring/rulesets/" + profileId, Map.of(
                "name", "Profile - Fit", "type", "profile", "rules", List.of(Map.of("field", "title",
                        "operator", "contains", "value", List.of("vp"), "points", 12)))));
        check("PUT", "/api/v2/scoring/rulesets/{id}", sc.put("/api/v2/scoring/rulesets/rs_missing", profile));
        String scored = sc.post("/api/v2/leads", Map.of("email", "vp@contract.io", "title", "VP Sales"))
                .data().path("id").asText();
        check("POST", "/api/v2/events", sc.post("/api/v2/events", Map.of("events", List.of(
                Map.of("leadId", scored, "type", "page_view"),
                Map.of("leadId", scored, "type", "demo_request", "properties", Map.of("source", "web"))))));
        check("POST", "/api/v2/events", sc.post("/api/v2/events", Map.of("events", List.of(
                Map.of("leadId", "lead_missing", "type", "page_view")))));
        Fixture.eventually(java.time.Duration.ofSeconds(20), "the events to be scored", () ->
                sc.get("/api/v2/leads/" + scored).data().path("score").asLong() == 35);
        check("POST", "/api/v2/scoring/rulesets/{id}/test", sc.post("/api/v2/scoring/rulesets/" + rulesetId + "/test",
                Map.of("leadId", scored, "events", List.of(Map.of("type", "page_view")))));
        check("POST", "/api/v2/scoring/rulesets/{id}/test", sc.post("/api/v2/scoring/rulesets/" + profileId + "/test",
                Map.of("lead", Map.of("title", "CEO"))));
        check("POST", "/api/v2/scoring/rulesets/{id}/test", sc.post("/api/v2/scoring/rulesets/" + rulesetId + "/test",
                Map.of()));
        check("GET", "/api/v2/leads/{id}/score", sc.get("/api/v2/leads/" + scored + "/score"));
        check("GET", "/api/v2/leads/{id}/score", sc.get("/api/v2/leads/lead_missing/score"));
        check("GET", "/api/v2/leads/{id}/events", sc.get("/api/v2/leads/" + scored + "/events?limit=1"));
        check("GET", "/api/v2/leads/{id}/events", sc.get("/api/v2/leads/lead_missing/events"));
        check("GET", "/api/v2/leads/top", sc.get("/api/v2/leads/top?limit=2"));
        check("GET", "/api/v2/leads/top", sc.get("/api/v2/leads/top?limit=2&rulesetId=" + profileId));
        check("GET", "/api/v2/leads/top", sc.get("/api/v2/leads/top?limit=0"));
        check("DELETE", "/api/v2/scoring/rulesets/{id}", sc.delete("/api/v2/scoring/rulesets/" + profileId));
        check("DELETE", "/api/v2/scoring/rulesets/{id}", sc.delete("/api/v2/scoring/rulesets/" + profileId));

        // webhook subscriptions: create 201/400/409 (limit), list, read 200/404, change, rotate, delete 204/404, own key 403
        TestTenant hooks = Fixture.newTenant(0);
        ApiClient wh = hooks.client();
        ApiResponse hook = check("POST", "/api/v2/webhooks", wh.post("/api/v2/webhooks", Map.of("url",
                "https://hooks.example.com/contract", "events", List.of("lead.created", "webhook.disabled"),
                "description", "Contract"), "Idempotency-Key", "contract-hook"));
        String hookId = hook.data().path("id").asText();
        check("POST", "/api/v2/webhooks", wh.post("/api/v2/webhooks", Map.of("url", "https://hooks.example.com/contract",
                "events", List.of("lead.created", "webhook.disabled"), "description", "Contract"), "Idempotency-Key", "contract-hook"));
        check("POST", "/api/v2/webhooks", wh.post("/api/v2/webhooks", Map.of("url", "https://10.0.0.1/", "events",
                List.of("lead.created"))));
        check("POST", "/api/v2/webhooks", Fixture.withKey(hooks.tenantId(), "u", "own").client().post("/api/v2/webhooks",
                Map.of("url", "https://hooks.example.com/x", "events", List.of("lead.created"))));
        for (int i = 1; i < 25; i++) {
            wh.post("/api/v2/webhooks", Map.of("url", "https://hooks.example.com/" + i, "events", List.of("lead.created")));
        }
        check("POST", "/api/v2/webhooks", wh.post("/api/v2/webhooks", Map.of("url", "https://hooks.example.com/26",
                "events", List.of("lead.created"))));
        check("GET", "/api/v2/webhooks", wh.get("/api/v2/webhooks?limit=2"));
        check("GET", "/api/v2/webhooks", wh.get("/api/v2/webhooks?limit=0"));
        check("GET", "/api/v2/webhooks/{id}", wh.get("/api/v2/webhooks/" + hookId));
        check("GET", "/api/v2/webhooks/{id}", wh.get("/api/v2/webhooks/wh_missing"));
        check("PATCH", "/api/v2/webhooks/{id}", wh.patch("/api/v2/webhooks/" + hookId, Map.of("enabled", false,
                "events", List.of("lead.deleted"))));
        check("PATCH", "/api/v2/webhooks/{id}", wh.patch("/api/v2/webhooks/" + hookId, Map.of("url", "http://x.io")));
        check("POST", "/api/v2/webhooks/{id}/rotate-secret", wh.post("/api/v2/webhooks/" + hookId + "/rotate-secret", null));
        check("GET", "/api/v2/webhooks/{id}", wh.get("/api/v2/webhooks/" + hookId));
        check("POST", "/api/v2/webhooks/{id}/rotate-secret", wh.post("/api/v2/webhooks/wh_missing/rotate-secret", null));
        check("DELETE", "/api/v2/webhooks/{id}", wh.delete("/api/v2/webhooks/" + hookId));
        check("DELETE", "/api/v2/webhooks/{id}", wh.delete("/api/v2/webhooks/" + hookId));
        // the changes feed: a page with an event, an empty page (its cursor still set), a bad limit and type
        dev.leadbase.changes.domain.ChangeEvent change = new dev.leadbase.changes.domain.ChangeEvent(tenant.tenantId(),
                "evt_contract", dev.leadbase.changes.domain.ChangeType.LEAD_DELETED, java.time.Instant.now(),
                "lead_contract", "lead_contract", null, 0, Map.of("id", "lead_contract", "deletedAt", "2026-01-01T00:00:00Z"));
        new dev.leadbase.changes.store.QueueChangeSink(Fixture.runtime().sqs(), Fixture.runtime().queueUrl("ChangesQueue"))
                .publish(List.of(change));
        Fixture.eventually(java.time.Duration.ofSeconds(20), "the change in the feed", () ->
                api.get("/api/v2/changes?types=lead.deleted").data().path("events").toString().contains("evt_contract"));
        ApiResponse changes = check("GET", "/api/v2/changes", api.get("/api/v2/changes?types=lead.deleted&limit=10"));
        check("GET", "/api/v2/changes", api.get("/api/v2/changes?types=lead.deleted&cursor="
                + changes.data().path("pagination").path("nextCursor").asText()));
        check("GET", "/api/v2/changes", api.get("/api/v2/changes?limit=0&types=lead.gone"));
        check("GET", "/api/v2/changes", Fixture.anonymous().get("/api/v2/changes"));
        check("GET", "/api/v2/webhooks/{id}/deliveries", sc.get("/api/v2/webhooks/wh_missing/deliveries?status=bogus"));
        check("POST", "/api/v2/webhooks/{id}/replay", sc.post("/api/v2/webhooks/wh_missing/replay",
                Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z")));

        Set<String> documented = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) {
                documented.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        Set<String> routes = new TreeSet<>();
        checked.forEach(c -> routes.add(c.substring(0, c.lastIndexOf(' '))));
        assertEquals(documented, routes, "every documented route is exercised");
    }

    /** Validates one real response against the schema documented for its route and status. */
    private static ApiResponse check(String method, String template, ApiResponse response) {
        JsonNode operation = spec.path("paths").path(template).path(method.toLowerCase());
        assertTrue(!operation.isMissingNode(), method + " " + template + " is not documented");
        String status = Integer.toString(response.status());
        JsonNode documented = operation.path("responses").path(status);
        assertTrue(!documented.isMissingNode(), method + " " + template + " answered undocumented " + response);
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase() + "/responses/" + status;
        if (documented.has("$ref")) {
            pointer = documented.get("$ref").asText().substring(1);
            documented = at(pointer);
        }
        if (response.status() == 204) {
            assertTrue(documented.path("content").isMissingNode(), pointer + " documents a body for 204");
            assertEquals("", response.rawBody(), method + " " + template + " 204 has a body");
            checked.add(method + " " + template + " " + status);
            return response;
        }
        pointer += "/content/application~1json/schema";
        assertTrue(!documented.path("content").path("application/json").isMissingNode(), pointer + " has no schema");
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer), config);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(response.body())) {
            problems.add(m.toString());
        }
        assertEquals(List.of(), problems, method + " " + template + " " + status + ": " + response.rawBody());
        checked.add(method + " " + template + " " + status);
        return response;
    }

    private static JsonNode at(String pointer) {
        return spec.at(pointer);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
