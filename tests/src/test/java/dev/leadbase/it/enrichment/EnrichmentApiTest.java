package dev.leadbase.it.enrichment;

import static dev.leadbase.it.enrichment.EnrichmentSupport.BASIC;
import static dev.leadbase.it.enrichment.EnrichmentSupport.BULK;
import static dev.leadbase.it.enrichment.EnrichmentSupport.assertLedgerExact;
import static dev.leadbase.it.enrichment.EnrichmentSupport.awaitFinished;
import static dev.leadbase.it.enrichment.EnrichmentSupport.ledger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The enrichment routes over real HTTP, with the SQS worker running through the local pollers. */
class EnrichmentApiTest {

    @Test
    void basicExampleCompletesWithTheDocumentedResultShapeAndChargesOneCredit() {
        TestTenant tenant = Fixture.newTenant(10);

        ApiResponse submitted = tenant.client().post("/api/v2/enrich", BASIC);

        assertEquals(202, submitted.status(), submitted.toString());
        JsonNode data = submitted.data();
        assertEquals("queued", data.path("status").asText());
        assertEquals(1, data.path("total").asInt());
        assertEquals(1, data.path("creditsReserved").asInt());
        assertEquals(9, data.path("remainingCredits").asInt());
        String jobId = data.path("jobId").asText();
        assertEquals("/api/v2/enrich/" + jobId, data.path("statusUrl").asText());

        JsonNode job = awaitFinished(tenant.client(), jobId);
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals(1, job.path("completed").asInt());
        assertEquals(1, job.path("creditsUsed").asInt());
        assertEquals(0, job.path("creditsRefunded").asInt());
        assertEquals(9, job.path("remainingCredits").asInt());
        assertNotNull(job.path("completedAt").textValue());
        JsonNode enriched = job.path("enriched").get(0);
        assertEquals("john@techcorp.com", enriched.path("input").path("email").asText());
        assertEquals("John", enriched.path("enrichedData").path("firstName").asText());
        assertEquals("Doe", enriched.path("enrichedData").path("lastName").asText());
        assertEquals("https://techcorp.com", enriched.path("enrichedData").path("companyInfo").path("website").asText());
        assertTrue(enriched.path("enrichedData").path("alternativeEmails").toString().contains("j.doe@techcorp.com"));
        assertTrue(enriched.path("confidence").asDouble() > 0 && enriched.path("confidence").asDouble() <= 1);
        assertEquals("emailAnalysis", enriched.path("sources").get(0).asText());
        assertEquals("emailAnalysis", enriched.path("fieldSources").path("companyInfo.website").path("source").asText());
        assertEquals(0, job.path("failed").size());

        ApiResponse credits = tenant.client().get("/api/v2/credits");
        assertEquals(200, credits.status(), credits.toString());
        assertEquals(9, credits.data().path("remaining").asLong());
        assertEquals(0, credits.data().path("reserved").asLong());
        assertEquals(1, credits.data().path("used").asLong());
    }

    @Test
    void bulkExampleChargesOnlyMatchesAndRefundsTheRest() {
        TestTenant tenant = Fixture.newTenant(100);

        ApiResponse submitted = tenant.client().post("/api/v2/enrich", BULK);
        assertEquals(202, submitted.status(), submitted.toString());
        assertEquals(97, submitted.data().path("remainingCredits").asInt());

        JsonNode job = awaitFinished(tenant.client(), submitted.data().path("jobId").asText());
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals(3, job.path("total").asInt());
        assertEquals(1, job.path("enriched").size());
        assertEquals(2, job.path("failed").size());
        for (JsonNode failed : job.path("failed")) {
            assertEquals("NO_MATCH", failed.path("code").asText());
            assertTrue(failed.has("index") && failed.has("input") && failed.has("message"));
        }
        assertEquals(1, job.path("creditsUsed").asInt());
        assertEquals(2, job.path("creditsRefunded").asInt());
        assertEquals(99, job.path("remainingCredits").asInt());
        CreditBalance b = ledger(tenant.tenantId());
        assertEquals(new CreditBalance(99, 0, 1, 100), b);
    }

    @Test
    void everyBadLeadIsListedWithItsIndexAndNothingIsReserved() {
        TestTenant tenant = Fixture.newTenant(10);

        ApiResponse r = tenant.client().post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("firstName", "Ann"),
                Map.of("email", "ok@acme.io"),
                Map.of("email", "not-an-email"),
                Map.of("email", 42))));

        assertEquals(400, r.status(), r.toString());
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText());
        assertEquals("Invalid lead data for enrichment", r.body().path("message").asText());
        JsonNode errors = r.body().path("details").path("errors");
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(0, errors.get(0).path("index").asInt());
        assertEquals("At least one identifier (email, LinkedIn URL, or name + company) is required",
                errors.get(0).path("message").asText());
        assertEquals(2, errors.get(1).path("index").asInt());
        assertEquals(3, errors.get(2).path("index").asInt());
        assertEquals(new CreditBalance(10, 0, 0, 10), ledger(tenant.tenantId()));
    }

    @Test
    void tooManyLeadsBadJsonAndUnknownFieldsAreRejected() {
        TestTenant tenant = Fixture.newTenant(100);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Map.of("email", "p" + i + "@acme.io"));
        }
        ApiResponse tooMany = tenant.client().post("/api/v2/enrich", Map.of("leads", many));
        assertEquals(400, tooMany.status(), tooMany.toString());
        assertTrue(tooMany.body().path("details").path("invalidFields").has("leads"));

        ApiResponse bad = tenant.client().post("/api/v2/enrich", "{\"leads\": [");
        assertEquals(400, bad.status(), bad.toString());

        ApiResponse unknown = tenant.client().post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "a@acme.io")), "colour", "red", "minConfidence", 3));
        assertEquals(400, unknown.status(), unknown.toString());
        assertTrue(unknown.body().path("details").path("invalidFields").has("colour"));
        assertTrue(unknown.body().path("details").path("invalidFields").has("minConfidence"));
        ApiResponse huge = tenant.client().post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "a@acme.io", "title", "x".repeat(300_000)))));
        assertEquals(413, huge.status(), huge.toString());
        assertEquals(new CreditBalance(100, 0, 0, 100), ledger(tenant.tenantId()));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndReservesOnce() {
        TestTenant tenant = Fixture.newTenant(10);
        Map<String, Object> body = EnrichmentSupport.leads(List.of(Map.of("email", "zoe.lin@acme.io")));

        ApiResponse first = tenant.client().post("/api/v2/enrich", body, "Idempotency-Key", "import-42");
        ApiResponse replay = tenant.client().post("/api/v2/enrich", body, "Idempotency-Key", "import-42");
        ApiResponse other = tenant.client().post("/api/v2/enrich",
                EnrichmentSupport.leads(List.of(Map.of("email", "max.ito@acme.io"))), "Idempotency-Key", "import-42");

        assertEquals(202, first.status(), first.toString());
        assertEquals(202, replay.status(), replay.toString());
        assertEquals(first.data(), replay.data());
        assertEquals("true", replay.header("idempotent-replayed"));
        assertEquals(409, other.status(), other.toString());
        assertEquals(1, tenant.client().get("/api/v2/enrich").data().path("jobs").size());
        CreditBalance b = ledger(tenant.tenantId());
        assertEquals(9, b.remaining(), "one credit taken, once");
    }

    @Test
    void insufficientCreditsIsTheDocumented402AndReservesNothing() {
        TestTenant tenant = Fixture.newTenant(2);

        ApiResponse r = tenant.client().post("/api/v2/enrich", EnrichmentSupport.leads(List.of(
                Map.of("email", "a@acme.io"), Map.of("email", "b@acme.io"), Map.of("email", "c@acme.io"))));

        assertEquals(402, r.status(), r.toString());
        assertEquals("ENRICHMENT_CREDITS_EXHAUSTED", r.body().path("code").asText());
        assertEquals("Insufficient enrichment credits", r.body().path("message").asText());
        assertEquals("2.0", r.body().path("version").asText());
        assertEquals(2, r.body().path("details").path("remaining").asLong());
        assertEquals(3, r.body().path("details").path("required").asLong());
        assertEquals(new CreditBalance(2, 0, 0, 2), ledger(tenant.tenantId()));
    }

    @Test
    void overTheHourlyLimitIsTheDocumented429WithRetryAfter() {
        TestTenant tenant = EnrichmentSupport.tenantWithLimit(100, 3);
        assertEquals(202, tenant.client().post("/api/v2/enrich", EnrichmentSupport.leads(List.of(
                Map.of("email", "a@acme.io"), Map.of("email", "b@acme.io")))).status());

        ApiResponse r = tenant.client().post("/api/v2/enrich", EnrichmentSupport.leads(List.of(
                Map.of("email", "c@acme.io"), Map.of("email", "d@acme.io"))));

        assertEquals(429, r.status(), r.toString());
        assertEquals("RATE_LIMIT_EXCEEDED", r.body().path("code").asText());
        assertEquals("Enrichment rate limit exceeded", r.body().path("message").asText());
        long retryAfter = r.body().path("retryAfter").asLong();
        assertTrue(retryAfter >= 1 && retryAfter <= 3601, r.toString());
        assertEquals(Long.toString(retryAfter), r.header("retry-after"));
        assertEquals("3 enrichments per hour", r.body().path("details").path("limit").asText());
        Instant reset = Instant.parse(r.body().path("details").path("resetTime").asText());
        assertTrue(reset.isAfter(Instant.now()));
        assertEquals(98, ledger(tenant.tenantId()).remaining() + ledger(tenant.tenantId()).used()
                + ledger(tenant.tenantId()).reserved() - 2, "the rejected request reserved nothing");
        assertEquals(202, tenant.client().post("/api/v2/enrich", EnrichmentSupport.leads(List.of(
                Map.of("email", "e@acme.io")))).status(), "one more lead still fits the window");
    }

    @Test
    void anotherTenantsJobIsNotFoundAndJobsListNewestFirstWithCursor() {
        TestTenant owner = Fixture.newTenant(10);
        TestTenant other = Fixture.newTenant(10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiResponse r = owner.client().post("/api/v2/enrich",
                    EnrichmentSupport.leads(List.of(Map.of("email", "x" + i + "@acme.io"))));
            assertEquals(202, r.status(), r.toString());
            ids.add(r.data().path("jobId").asText());
            sleep(3);
        }

        assertEquals(404, other.client().get("/api/v2/enrich/" + ids.get(0)).status());
        assertEquals(0, other.client().get("/api/v2/enrich").data().path("jobs").size());

        ApiResponse first = owner.client().get("/api/v2/enrich?limit=2");
        assertEquals(200, first.status(), first.toString());
        assertEquals(ids.get(2), first.data().path("jobs").get(0).path("jobId").asText());
        assertEquals(ids.get(1), first.data().path("jobs").get(1).path("jobId").asText());
        String cursor = first.data().path("pagination").path("nextCursor").asText();
        ApiResponse second = owner.client().get("/api/v2/enrich?limit=2&cursor=" + cursor);
        assertEquals(ids.get(0), second.data().path("jobs").get(0).path("jobId").asText());
        assertEquals(400, owner.client().get("/api/v2/enrich?cursor=forged").status());
    }

    @Test
    void concurrentSubmissionsAgainstAShortBalanceLeaveTheLedgerExact() throws Exception {
        TestTenant tenant = Fixture.newTenant(25);
        Map<String, Object> threeLeads = EnrichmentSupport.leads(List.of(
                Map.of("email", "ann.lee@acme.io"), Map.of("email", "bo.chan@acme.io"), Map.of("email", "cy.diaz@acme.io")));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<ApiResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // as a client should: a 429 (too many writes at once on the tenant's credits) is sent again after Retry-After
            futures.add(pool.submit(() -> {
                ApiResponse r = tenant.client().post("/api/v2/enrich", threeLeads);
                for (int retry = 0; r.status() == 429 && retry < 10; retry++) {
                    sleep(1000L * Long.parseLong(r.header("Retry-After")));
                    r = tenant.client().post("/api/v2/enrich", threeLeads);
                }
                return r;
            }));
        }
        Map<Integer, Integer> statuses = new HashMap<>();
        List<String> jobs = new ArrayList<>();
        for (Future<ApiResponse> f : futures) {
            ApiResponse r = f.get();
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 202) {
                jobs.add(r.data().path("jobId").asText());
            } else {
                assertEquals(402, r.status(), r.toString());
            }
            assertLedgerExact(tenant.tenantId());
        }
        pool.shutdown();

        assertEquals(8, statuses.get(202), statuses.toString());
        assertEquals(12, statuses.get(402), statuses.toString());
        jobs.forEach(id -> awaitFinished(tenant.client(), id));
        assertEquals(new CreditBalance(1, 0, 24, 25), ledger(tenant.tenantId()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
