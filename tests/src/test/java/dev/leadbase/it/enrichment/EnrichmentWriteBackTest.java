package dev.leadbase.it.enrichment;

import static dev.leadbase.it.enrichment.EnrichmentSupport.awaitFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestResponse;
import dev.leadbase.it.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Enriched fields reach the leads the input named (by id) or matched (by email). */
class EnrichmentWriteBackTest {

    private static String createLead(TestTenant tenant, Map<String, Object> body) {
        TestResponse created = tenant.client().post("/api/v2/leads", body);
        assertEquals(201, created.status(), created.toString());
        return created.data().path("id").asText();
    }

    private static Map<String, AttributeValue> storedLead(String tenantId, String leadId) {
        return Fixture.runtime().dynamo().getItem(r -> r.tableName("LeadsTable")
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId), "leadId", AttributeValue.fromS(leadId)))
                .consistentRead(true)).item();
    }

    @Test
    void aNamedLeadGetsItsEmptyFieldsFilledAndTheEnrichmentRecorded() {
        TestTenant tenant = Fixture.newTenant(10);
        String leadId = createLead(tenant, Map.of("firstName", "Ada", "email", "ada.king@acme.io", "title", "CTO"));

        TestResponse submitted = tenant.client().post("/api/v2/enrich", Map.of("leads", List.of(Map.of("leadId", leadId))));
        assertEquals(202, submitted.status(), submitted.toString());
        JsonNode job = awaitFinished(tenant.client(), submitted.data().path("jobId").asText());

        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals(leadId, job.path("enriched").get(0).path("leadId").asText());
        JsonNode lead = tenant.client().get("/api/v2/leads/" + leadId).data();
        assertEquals("Ada", lead.path("firstName").asText());
        assertEquals("King", lead.path("lastName").asText(), "an empty field is filled");
        assertEquals("CTO", lead.path("title").asText());
        Map<String, AttributeValue> item = storedLead(tenant.tenantId(), leadId);
        assertNotNull(item.get("enrichedAt"));
        assertEquals(List.of("emailAnalysis"), item.get("enrichmentSources").l().stream().map(AttributeValue::s).toList());
        assertTrue(Double.parseDouble(item.get("confidence").n()) > 0);
        assertEquals(item.get("enrichedAt").s(), lead.path("enrichedAt").asText(), "the API shows the enrichment record");
        assertEquals("emailAnalysis", lead.path("enrichmentSources").get(0).asText());
        assertTrue(lead.path("confidence").asDouble() > 0);
    }

    @Test
    void aLeadMatchedByEmailIsOverwrittenOnlyWhenAsked() {
        TestTenant tenant = Fixture.newTenant(10);
        String leadId = createLead(tenant, Map.of("firstName", "Robert", "lastName", "X", "email", "bob.stone@acme.io"));

        JsonNode kept = awaitFinished(tenant.client(), tenant.client().post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "bob.stone@acme.io")))).data().path("jobId").asText());
        assertEquals(leadId, kept.path("enriched").get(0).path("leadId").asText());
        assertEquals("X", tenant.client().get("/api/v2/leads/" + leadId).data().path("lastName").asText());

        awaitFinished(tenant.client(), tenant.client().post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "bob.stone@acme.io")), "overwrite", true)).data().path("jobId").asText());
        JsonNode lead = tenant.client().get("/api/v2/leads/" + leadId).data();
        assertEquals("Stone", lead.path("lastName").asText());
        assertEquals("Bob", lead.path("firstName").asText());
    }

    @Test
    void anUnknownLeadIdIsABadLeadWithItsIndex() {
        TestTenant tenant = Fixture.newTenant(10);

        TestResponse r = tenant.client().post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "ok@acme.io"), Map.of("leadId", "lead_missing"))));

        assertEquals(400, r.status(), r.toString());
        assertEquals(1, r.body().path("details").path("errors").get(0).path("index").asInt());
        assertEquals(10, tenant.client().get("/api/v2/credits").data().path("remaining").asLong());
    }
}
