package dev.leadbase.it.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.enrichment.store.DynamoEnrichmentJobRepository;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Small helpers shared by the enrichment tests: the API documentation's examples, polling, the ledger. */
public final class EnrichmentSupport {
    static final Map<String, Object> BASIC = Map.of(
            "leads", List.of(Map.of("email", "john@techcorp.com", "firstName", "John", "lastName", "Doe")),
            "enrichmentOptions", Map.of("includePersonalInfo", true, "includeCompanyInfo", true, "includeContactInfo", true));
    static final Map<String, Object> BULK = Map.of("leads", List.of(
            Map.of("email", "john@techcorp.com"),
            Map.of("linkedinUrl", "https://linkedin.com/in/janedoe"),
            Map.of("firstName", "Bob", "lastName", "Smith", "company", "Startup Inc")));

    private EnrichmentSupport() {
    }

    static Map<String, Object> leads(List<Map<String, Object>> leads) {
        return Map.of("leads", leads);
    }

    /** A tenant with credits and an hourly limit, holding every permission. */
    static TestTenant tenantWithLimit(long credits, long perHour) {
        ApiResponse created = Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", "limited", "credits", credits, "enrichPerHourLimit", perHour));
        assertEquals(201, created.status(), created.toString());
        return Fixture.withKey(created.data().path("tenantId").asText(), "user_1", "tenant");
    }

    /** Polls the status URL until the job is no longer queued or running. */
    public static JsonNode awaitFinished(ApiClient client, String jobId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Fixture.eventually(Duration.ofSeconds(30), "job " + jobId + " to finish", () -> {
            ApiResponse r = client.get("/api/v2/enrich/" + jobId);
            assertEquals(200, r.status(), r.toString());
            last.set(r.data());
            String status = r.data().path("status").asText();
            return !status.equals("queued") && !status.equals("running");
        });
        return last.get();
    }

    static DynamoEnrichmentJobRepository jobs() {
        return new DynamoEnrichmentJobRepository(Fixture.runtime().dynamo(), "EnrichmentJobsTable", "TenantsTable");
    }

    static DynamoTenantRepository tenants() {
        return new DynamoTenantRepository(Fixture.runtime().dynamo(), "TenantsTable");
    }

    static CreditBalance ledger(String tenantId) {
        return tenants().find(tenantId).orElseThrow().credits();
    }

    /** remaining + reserved + used == granted, and nothing negative. */
    static void assertLedgerExact(String tenantId) {
        CreditBalance b = ledger(tenantId);
        assertEquals(b.granted(), b.remaining() + b.reserved() + b.used(), "ledger " + b);
        if (b.remaining() < 0 || b.reserved() < 0 || b.used() < 0) {
            throw new AssertionError("negative ledger " + b);
        }
    }
}
