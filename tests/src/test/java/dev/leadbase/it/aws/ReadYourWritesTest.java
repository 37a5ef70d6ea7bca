package dev.leadbase.it.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.composition.Components;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.local.LocalFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client expects right after a write, on a stack that answers as AWS may (the {@code aws-semantics} run of
 * the suite): reads without ConsistentRead answer an item as it was a moment ago, indexes lag behind their table,
 * and transactions on a shared item conflict. On DynamoDB Local alone these cannot fail, so the class runs only in
 * that mode.
 */
class ReadYourWritesTest {
    private static final int TRIES = 6;

    @BeforeAll
    static void onlyWhereAwsSemanticsAreOn() {
        Assumptions.assumeTrue(Fixture.awsSemantics() != null,
                "runs in the aws-semantics execution (-D" + Fixture.AWS_SEMANTICS_PROPERTY + "=seed=42)");
    }

    @Test
    void aNewKeyWorksAtOnceAndAMissIsNotRemembered() throws InterruptedException {
        TestTenant tenant = Fixture.newTenant(0);
        // a container with the deployed key cache (30 s), which would remember a miss for that long
        LocalFunction credits = Fixture.runtime().function("GetCreditsFunction").over(Fixture.runtime().dynamo(),
                Map.of("LEADBASE_KEY_CACHE_TTL_SECONDS", String.valueOf(Components.DEFAULT_KEY_CACHE_TTL_SECONDS)));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String key = Fixture.withKey(tenant.tenantId(), "user_" + i, "tenant").apiKey();
            keys.add(key);
            assertEquals(200, status(credits, key), "a key used the moment it is issued");
        }
        Thread.sleep(Fixture.awsSemantics().staleMs() + 100);
        for (String key : keys) {
            assertEquals(200, status(credits, key), "the same key a moment later");
        }
    }

    @Test
    void eventsForALeadCreatedAMomentAgoAreAccepted() {
        TestTenant tenant = Fixture.newTenant(0);
        for (int i = 0; i < TRIES; i++) {
            ApiResponse lead = tenant.client().post("/api/v2/leads", Map.of("email", "fresh" + i + "@example.com"));
            assertEquals(201, lead.status(), lead.toString());
            String leadId = lead.data().path("id").asText();

            ApiResponse events = tenant.client().post("/api/v2/events",
                    Map.of("events", List.of(Map.of("leadId", leadId, "type", "page_view"))));

            assertEquals(202, events.status(), events.toString());
        }
    }

    @Test
    void aKeyIssuedAMomentAgoIsListedAndCanBeRevoked() {
        TestTenant admin = Fixture.newTenant(0);
        for (int i = 0; i < TRIES; i++) {
            ApiResponse issued = admin.client().post("/api/v2/api-keys",
                    Map.of("userId", "bob" + i, "permissions", List.of("leads:read")));
            assertEquals(201, issued.status(), issued.toString());
            String keyId = issued.data().path("keyId").asText();

            ApiResponse listed = admin.client().get("/api/v2/api-keys");
            assertEquals(200, listed.status(), listed.toString());
            assertTrue(listed.rawBody().contains(keyId), "the new key is listed: " + listed);

            ApiResponse revoked = admin.client().delete("/api/v2/api-keys/" + keyId);
            assertTrue(revoked.status() == 200 || revoked.status() == 204, "revoked at once: " + revoked);
            assertEquals(401, admin.client().withKey(issued.data().path("apiKey").asText()).get("/api/v2/leads").status(),
                    "the revoked key is refused");
        }
    }

    @Test
    void aCompanyCreatedAMomentAgoIsFound() {
        TestTenant tenant = Fixture.newTenant(0);
        for (int i = 0; i < TRIES; i++) {
            ApiResponse created = tenant.client().post("/api/v2/companies",
                    Map.of("name", "Fresh " + i, "domain", "fresh" + i + ".example.com"));
            assertEquals(201, created.status(), created.toString());

            ApiResponse read = tenant.client().get("/api/v2/companies/" + created.data().path("id").asText());

            assertEquals(200, read.status(), read.toString());
            assertEquals("Fresh " + i, read.data().path("name").asText());
        }
    }

    @Test
    void concurrentCompanyCreatesAllSucceedAndAreCounted() throws Exception {
        TestTenant tenant = Fixture.newTenant(0);
        int creates = 16;
        ExecutorService pool = Executors.newFixedThreadPool(creates);
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                int n = i;
                answers.add(pool.submit(() -> tenant.client().post("/api/v2/companies",
                        Map.of("name", "Parallel " + n, "domain", "parallel" + n + ".example.com"))));
            }
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get();
                assertEquals(201, response.status(), response.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode page = tenant.client().get("/api/v2/companies?limit=1").data();
        assertEquals(creates, page.path("pagination").path("total").asInt(), page.toString());
    }

    private static int status(LocalFunction function, String apiKey) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("GET /api/v2/credits");
        event.setRawPath("/api/v2/credits");
        event.setRawQueryString("");
        event.setHeaders(Map.of("x-api-key", apiKey));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(java.util.UUID.randomUUID().toString());
        context.setRouteKey("GET /api/v2/credits");
        context.setStage("$default");
        context.setTimeEpoch(System.currentTimeMillis());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath("/api/v2/credits");
        http.setSourceIp("127.0.0.1");
        context.setHttp(http);
        event.setRequestContext(context);
        return ((APIGatewayV2HTTPResponse) function.invoke(event)).getStatusCode();
    }
}
