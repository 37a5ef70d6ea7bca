package dev.leadbase.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tenants, keys and the API's error bodies, over real HTTP against the local runtime. */
class ApiKeysAndErrorsTest {

    @Test
    void adminCreatesTenantIssuesKeyAndGrantsCredits() {
        ApiResponse tenant = Fixture.admin().post("/api/v2/admin/tenants", Map.of("name", "Acme", "credits", 40));
        assertEquals(201, tenant.status(), tenant.toString());
        String tenantId = tenant.data().path("tenantId").asText();
        assertEquals(40, tenant.data().path("credits").path("remaining").asLong());

        ApiResponse key = Fixture.admin().post("/api/v2/admin/tenants/" + tenantId + "/api-keys",
                Map.of("userId", "alice", "permissions", List.of("keys:admin", "leads:read")));
        assertEquals(201, key.status(), key.toString());
        String apiKey = key.data().path("apiKey").asText();
        assertTrue(apiKey.startsWith("lb_"));

        ApiResponse granted = Fixture.admin().post("/api/v2/admin/tenants/" + tenantId + "/credits", Map.of("amount", 60));
        assertEquals(200, granted.status(), granted.toString());
        assertEquals(100, granted.data().path("remaining").asLong());

        ApiResponse listed = new ApiClient(Fixture.baseUrl(), null)
                .get("/api/v2/api-keys", "authorization", "Bearer " + apiKey);
        assertEquals(200, listed.status(), listed.toString());
        assertEquals("alice", listed.data().path("apiKeys").get(0).path("userId").asText());
        assertFalse(listed.rawBody().contains(apiKey), "a listing never shows the key");
    }

    @Test
    void aRetriedCreditGrantWithTheSameIdempotencyKeyAddsTheCreditsOnce() {
        TestTenant tenant = Fixture.newTenant(40, "leads:enrich");
        String grant = "/api/v2/admin/tenants/" + tenant.tenantId() + "/credits";

        ApiResponse first = Fixture.admin().post(grant, Map.of("amount", 60), "Idempotency-Key", "grant-1");
        ApiResponse retried = Fixture.admin().post(grant, Map.of("amount", 60), "Idempotency-Key", "grant-1");

        assertEquals(200, first.status(), first.toString());
        assertEquals(200, retried.status(), retried.toString());
        assertEquals(100, retried.data().path("remaining").asLong(), retried.toString());
        assertEquals("true", retried.header("Idempotent-Replayed"));
        ApiResponse balance = tenant.client().get("/api/v2/credits");
        assertEquals(100, balance.data().path("remaining").asLong(), balance.toString());
        ApiResponse otherBody = Fixture.admin().post(grant, Map.of("amount", 5), "Idempotency-Key", "grant-1");
        assertEquals(409, otherBody.status(), otherBody.toString());
    }

    @Test
    void onlyTheKeyDigestIsStored() {
        TestTenant tenant = Fixture.newTenant(0, "keys:admin");
        String table = Fixture.runtime().tableName("ApiKeysTable");

        Map<String, AttributeValue> item = Fixture.runtime().dynamo()
                .getItem(r -> r.tableName(table).key(Map.of("keyHash", AttributeValue.fromS(KeyHasher.sha256(tenant.apiKey()))))
                        .consistentRead(true))
                .item();

        assertEquals(tenant.tenantId(), item.get("tenantId").s());
        assertFalse(item.toString().contains(tenant.apiKey()));
    }

    @Test
    void unknownKeyGetsTheDocumentedUnauthorizedBodyOnEveryRoute() {
        ApiClient stranger = new ApiClient(Fixture.baseUrl(), "lb_not_a_real_key");
        for (String route : routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
            ApiResponse response = stranger.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");

            assertEquals(401, response.status(), route + " → " + response);
            assertErrorBody(response.body(), "UNAUTHORIZED", "Invalid API key");
            assertNotNull(response.header("x-request-id"));
        }
    }

    @Test
    void missingKeyIsUnauthorized() {
        ApiResponse response = Fixture.anonymous().get("/api/v2/api-keys");

        assertEquals(401, response.status());
        assertErrorBody(response.body(), "UNAUTHORIZED", "Missing API key");
    }

    @Test
    void keyWithoutPermissionGetsPermissionHelp() {
        TestTenant tenant = Fixture.newTenant(0, "leads:read");

        ApiResponse response = tenant.client().get("/api/v2/api-keys");

        assertEquals(403, response.status(), response.toString());
        assertErrorBody(response.body(), "PERMISSION_DENIED", "Insufficient permissions for managing API keys");
        assertEquals("keys:admin", response.body().path("permissionHelp").path("required").asText());
        assertEquals("leads:read", response.body().path("permissionHelp").path("available").get(0).asText());
    }

    @Test
    void tenantKeyCannotGrantMoreThanItHolds() {
        TestTenant tenant = Fixture.newTenant(0, "keys:admin", "leads:read");

        ApiResponse response = tenant.client().post("/api/v2/api-keys", Map.of("permissions", List.of("leads:write")));

        assertEquals(403, response.status(), response.toString());
        assertEquals("leads:write", response.body().path("permissionHelp").path("required").asText());
    }

    @Test
    void revokedKeyIsUnauthorizedAndOtherTenantsCannotRevoke() {
        TestTenant owner = Fixture.newTenant(0, "keys:admin", "leads:read");
        TestTenant other = Fixture.newTenant(0, "keys:admin");
        ApiResponse issued = owner.client().post("/api/v2/api-keys", Map.of("userId", "bob", "permissions", List.of("leads:read")));
        assertEquals(201, issued.status(), issued.toString());
        String keyId = issued.data().path("keyId").asText();
        ApiClient bob = owner.client().withKey(issued.data().path("apiKey").asText());
        assertEquals(403, bob.get("/api/v2/api-keys").status(), "bob's key works (and lacks keys:admin)");

        assertEquals(404, other.client().delete("/api/v2/api-keys/" + keyId).status());
        assertEquals(403, bob.get("/api/v2/api-keys").status(), "still valid after another tenant's attempt");

        ApiResponse revoked = owner.client().delete("/api/v2/api-keys/" + keyId);
        assertEquals(200, revoked.status(), revoked.toString());
        ApiResponse after = bob.get("/api/v2/api-keys");
        assertEquals(401, after.status());
        assertErrorBody(after.body(), "UNAUTHORIZED", "Invalid API key");
    }

    @Test
    void adminRoutesRefuseTenantKeys() {
        TestTenant tenant = Fixture.newTenant(0);

        ApiResponse response = tenant.client().post("/api/v2/admin/tenants", Map.of("name", "sneaky"));

        assertEquals(401, response.status());
    }

    @Test
    void adminRevokesAnyKey() {
        TestTenant tenant = Fixture.newTenant(0, "keys:admin");

        assertEquals(200, Fixture.admin().delete("/api/v2/admin/api-keys/" + tenant.keyId()).status());
        assertEquals(401, tenant.client().get("/api/v2/api-keys").status());
        assertEquals(404, Fixture.admin().delete("/api/v2/admin/api-keys/key_missing").status());
    }

    @Test
    void badBodiesNameEveryProblemAtOnce() {
        ApiResponse response = Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", 42, "credits", "many", "plan", "gold"));

        assertEquals(400, response.status(), response.toString());
        assertErrorBody(response.body(), "VALIDATION_ERROR", "Invalid request body");
        JsonNode invalid = response.body().path("details").path("invalidFields");
        assertEquals("Must be a string", invalid.path("name").asText());
        assertEquals("Must be an integer", invalid.path("credits").asText());
        assertEquals("Unknown field", invalid.path("plan").asText());
    }

    @Test
    void malformedJsonIsAValidationError() {
        ApiResponse response = Fixture.admin().post("/api/v2/admin/tenants", "{\"name\": ");

        assertEquals(400, response.status());
        assertErrorBody(response.body(), "VALIDATION_ERROR", "Malformed JSON body");
    }

    @Test
    void unknownQueryParameterIsNamed() {
        TestTenant tenant = Fixture.newTenant(0, "keys:admin");

        ApiResponse response = tenant.client().get("/api/v2/api-keys?colour=red");

        assertEquals(400, response.status());
        assertEquals("Unknown parameter", response.body().path("details").path("invalidParams").path("colour").asText());
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String big = "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}";

        ApiResponse response = Fixture.admin().post("/api/v2/admin/tenants", big);

        assertEquals(413, response.status());
        assertErrorBody(response.body(), "PAYLOAD_TOO_LARGE", "Request body exceeds 16384 bytes");
    }

    @Test
    void unknownRouteIsNotFoundAndWrongMethodIsNotAllowed() {
        ApiResponse missing = Fixture.anonymous().get("/api/v2/nothing-here");
        assertEquals(404, missing.status());
        assertErrorBody(missing.body(), "NOT_FOUND", "No route for GET /api/v2/nothing-here");

        ApiResponse wrongMethod = Fixture.anonymous().send("PUT", "/api/v2/api-keys", "{}");
        assertEquals(405, wrongMethod.status());
        assertEquals(List.of("GET", "POST"), List.of(wrongMethod.body().path("details").path("allowedMethods").get(0).asText(),
                wrongMethod.body().path("details").path("allowedMethods").get(1).asText()));
    }

    @Test
    void unknownTenantIsNotFoundForAdmin() {
        ApiResponse response = Fixture.admin().post("/api/v2/admin/tenants/tnt_missing/credits", Map.of("amount", 5));

        assertEquals(404, response.status());
        assertErrorBody(response.body(), "NOT_FOUND", "Tenant not found");
    }

    static void assertErrorBody(JsonNode body, String code, String message) {
        assertEquals(true, body.path("error").asBoolean(), body.toString());
        assertEquals(code, body.path("code").asText(), body.toString());
        assertEquals(message, body.path("message").asText(), body.toString());
        assertEquals("2.0", body.path("version").asText());
        assertTrue(body.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), body.toString());
    }

    /** Every HttpApi route of the template except the public fallback. */
    static Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (var function : Fixture.runtime().template().functions().values()) {
            for (var event : function.events()) {
                if (event instanceof dev.leadbase.local.template.Template.HttpApiEvent api && !api.path().equals("$default")
                        && !api.path().startsWith("/api/v2/admin")) {
                    routes.add(api.method() + " " + api.path());
                }
            }
        }
        return routes;
    }
}
