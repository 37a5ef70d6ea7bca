package dev.leadbase.it.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every JSON body is held to the same rules before any store sees it: at most 32 levels deep, no duplicate keys,
 * nothing after the value, numbers DynamoDB can store, no control characters in text; and an event is accepted
 * only when it can be stored. Each breach is a 400 VALIDATION_ERROR naming the body or the field, never a 5xx.
 */
class StrictBodiesTest {
    private final TestTenant t = Fixture.newTenant(10);

    private static void assertInvalid(ApiResponse r, String field) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText(), r.toString());
        assertTrue(r.body().path("details").path("invalidFields").has(field), "names " + field + ": " + r);
    }

    private static String nested(int levels) {
        return "{\"name\":\"x\",\"deep\":" + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
    }

    @Test
    void jsonNestedTooDeepIsA400OnEveryBodyRoute() {
        String lead = t.client().post("/api/v2/leads", Map.of("email", "deep@example.com")).data().path("id").asText();
        String tooDeep = nested(1500);
        for (String[] route : List.of(new String[] {"POST", "/api/v2/leads"}, new String[] {"POST", "/api/v2/leads/batch"},
                new String[] {"PATCH", "/api/v2/leads/" + lead}, new String[] {"POST", "/api/v2/companies"},
                new String[] {"POST", "/api/v2/enrich"}, new String[] {"POST", "/api/v2/events"},
                new String[] {"POST", "/api/v2/scoring/rulesets"}, new String[] {"POST", "/api/v2/api-keys"})) {
            assertInvalid(t.client().send(route[0], route[1], tooDeep), "body");
        }
        assertInvalid(Fixture.admin().post("/api/v2/admin/tenants", tooDeep), "body");
        ApiResponse justOver = t.client().post("/api/v2/companies", nested(33));
        assertInvalid(justOver, "body");
        assertTrue(justOver.body().path("details").path("invalidFields").path("body").asText().contains("32"), justOver.toString());
    }

    @Test
    void eachRouteHoldsBodiesToItsOwnSizeLimit() {
        String twentyKb = "x".repeat(20 * 1024);
        ApiResponse tenant = Fixture.admin().post("/api/v2/admin/tenants", Map.of("name", twentyKb));
        assertEquals(413, tenant.status(), tenant.toString());
        assertEquals(16 * 1024, tenant.body().path("details").path("maxBytes").asInt(), tenant.toString());
        ApiResponse company = t.client().post("/api/v2/companies", Map.of("name", "Big", "description", twentyKb.repeat(4)));
        assertEquals(413, company.status(), company.toString());
        assertEquals(64 * 1024, company.body().path("details").path("maxBytes").asInt(), company.toString());
        List<Map<String, Object>> leads = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leads.add(Map.of("email", "size" + i + "@example.com", "notes", "n".repeat(500)));
        }
        ApiResponse batch = t.client().post("/api/v2/leads/batch", Map.of("leads", leads));
        assertEquals(200, batch.status(), "a 20 KB batch is well within the batch route's limit: " + batch);
        assertEquals(0, t.client().get("/api/v2/companies").data().path("companies").size(), "nothing was created");
    }

    @Test
    void trailingTextAfterTheBodyIsA400AndCreatesNothing() {
        ApiResponse r = t.client().post("/api/v2/companies", "{\"name\":\"Trailing Inc\"} xyz");
        assertInvalid(r, "body");
        assertInvalid(Fixture.admin().post("/api/v2/admin/tenants", "{\"name\":\"x\"} {\"name\":\"y\"}"), "body");
        assertEquals(0, t.client().get("/api/v2/companies").data().path("companies").size(), "nothing was created");
    }

    @Test
    void theDocumentsBoundsHoldAsSent() {
        List<String> tags = java.util.Collections.nCopies(51, "demo");
        assertInvalid(t.client().post("/api/v2/leads", Map.of("email", "tags@example.com", "tags", tags)), "tags");
        assertInvalid(t.client().post("/api/v2/companies", Map.of("name", "Blank Site Inc", "website", "")), "website");
        assertInvalid(t.client().post("/api/v2/companies", Map.of("name", "Blank Site Inc", "website", " ")), "website");
        assertEquals(0, t.client().get("/api/v2/leads").data().path("leads").size(), "nothing was created");
        assertEquals(0, t.client().get("/api/v2/companies").data().path("companies").size(), "nothing was created");
    }

    @Test
    void duplicateKeysAreA400() {
        ApiResponse r = t.client().post("/api/v2/leads", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}");
        assertInvalid(r, "body");
        assertTrue(r.body().path("details").path("invalidFields").path("body").asText().contains("email"), r.toString());
    }

    @Test
    void numbersDynamoDbCannotStoreAreA400NamingTheField() {
        for (String n : List.of("1e126", "1e308", "1e400", "-1e400", "1e-131", "123456789012345678901234567890123456789")) {
            ApiResponse r = t.client().post("/api/v2/leads",
                    "{\"email\":\"num@example.com\",\"customFields\":{\"n\":" + n + "}}");
            assertInvalid(r, "customFields.n");
        }
        ApiResponse stored = t.client().post("/api/v2/leads",
                "{\"email\":\"num@example.com\",\"customFields\":{\"big\":9.99e125,\"small\":1e-130,\"digits\":12345678901234567890123456789012345678}}");
        assertEquals(201, stored.status(), stored.toString());
        ApiResponse event = t.client().post("/api/v2/events", "{\"events\":[{\"leadId\":\"" + stored.data().path("id").asText()
                + "\",\"type\":\"page_view\",\"properties\":{\"x\":1e400}}]}");
        assertInvalid(event, "events[0].properties.x");
        ApiResponse ruleset = t.client().post("/api/v2/scoring/rulesets", "{\"name\":\"n\",\"type\":\"profile\",\"rules\":"
                + "[{\"field\":\"customFields.n\",\"operator\":\"gte\",\"value\":1e200,\"points\":1}]}");
        assertInvalid(ruleset, "rules[0].value");
    }

    @Test
    void creditGrantsNeedAPositiveBoundedAmount() {
        for (String body : List.of("{\"amount\":null}", "{}", "{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":1e400}",
                "{\"amount\":\"5\"}", "{\"amount\":1000000000000}")) {
            assertInvalid(Fixture.admin().post("/api/v2/admin/tenants/" + t.tenantId() + "/credits", body), "amount");
        }
        assertEquals(10, t.client().get("/api/v2/credits").data().path("remaining").asLong(), "no grant went through");
    }

    @Test
    void controlCharactersInTypedTextAreA400() {
        assertInvalid(t.client().post("/api/v2/leads", "{\"email\":\"a\\u0000b@example.com\"}"), "email");
        assertInvalid(t.client().post("/api/v2/leads", "{\"email\":\"ok@example.com\",\"firstName\":\"Ada\\u0007\"}"), "firstName");
        assertInvalid(t.client().post("/api/v2/leads", "{\"email\":\"ok@example.com\",\"title\":\"CTO\\nCEO\"}"), "title");
        assertInvalid(t.client().post("/api/v2/leads", "{\"email\":\"ok@example.com\",\"company\":\"\\ud800\"}"), "company");
        assertInvalid(t.client().post("/api/v2/companies", "{\"name\":\"Acme\\u0000\"}"), "name");
        assertInvalid(Fixture.admin().post("/api/v2/admin/tenants", "{\"name\":\"\\u001b[31mred\"}"), "name");
        assertEquals(0, t.client().get("/api/v2/leads").data().path("pagination").path("total").asLong(),
                "nothing was stored");
        ApiResponse notes = t.client().post("/api/v2/leads",
                Map.of("email", "notes@example.com", "notes", "line one\nline two\ttabbed"));
        assertEquals(201, notes.status(), "notes may span lines: " + notes);
    }

    @Test
    void eventPropertiesOverSixteenKilobytesAreA400ListingTheEvent() {
        String lead = t.client().post("/api/v2/leads", Map.of("email", "big@example.com")).data().path("id").asText();
        Map<String, Object> small = Map.of("leadId", lead, "type", "page_view", "properties", Map.of("p", "x".repeat(15_000)));
        Map<String, Object> big = Map.of("leadId", lead, "type", "page_view", "properties", Map.of("p", "x".repeat(17_000)));

        ApiResponse refused = t.client().post("/api/v2/events", Map.of("events", List.of(small, big)));
        assertInvalid(refused, "events[1].properties");

        ApiResponse accepted = t.client().post("/api/v2/events", Map.of("events", List.of(small)));
        assertEquals(202, accepted.status(), accepted.toString());
        Fixture.eventually(Duration.ofSeconds(20), "the accepted event is stored", () ->
                t.client().get("/api/v2/leads/" + lead + "/events").data().path("events").size() == 1);
        JsonNode stored = t.client().get("/api/v2/leads/" + lead + "/events").data().path("events").get(0);
        assertEquals(15_000, stored.path("properties").path("p").asText().length());
    }
}
