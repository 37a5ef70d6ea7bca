package dev.leadbase.it.enrichment;

import static dev.leadbase.it.enrichment.EnrichmentSupport.awaitFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.enrichment.domain.EnrichedFields;
import dev.leadbase.enrichment.domain.EnrichmentStamp;
import dev.leadbase.leads.app.EnrichmentWriteBack;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.EnrichmentRequest;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.domain.LeadStore;
import dev.leadbase.enrichment.app.SettleLead;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.shared.json.Json;
import dev.leadbase.enrichment.providers.Providers;
import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.Intercept;
import dev.leadbase.it.TestTenant;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Enriched fields reach the leads the input named (by id) or matched (by email). */
class EnrichmentWriteBackTest {

    private static String createLead(TestTenant tenant, Map<String, Object> body) {
        ApiResponse created = tenant.client().post("/api/v2/leads", body);
        assertEquals(201, created.status(), created.toString());
        return created.data().path("id").asText();
    }

    private static Map<String, AttributeValue> storedLead(String tenantId, String leadId) {
        return Fixture.runtime().dynamo().getItem(r -> r.tableName("LeadItemsTable")
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId), "leadId", AttributeValue.fromS(leadId)))
                .consistentRead(true)).item();
    }

    @Test
    void aNamedLeadGetsItsEmptyFieldsFilledAndTheEnrichmentRecorded() {
        TestTenant tenant = Fixture.newTenant(10);
        String leadId = createLead(tenant, Map.of("firstName", "Ada", "email", "ada.king@acme.io", "title", "CTO"));

        ApiResponse submitted = tenant.client().post("/api/v2/enrich", Map.of("leads", List.of(Map.of("leadId", leadId))));
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
    void foundFieldsNeverLandOnALeadWithoutItsEnrichmentRecord() {
        TestTenant tenant = Fixture.newTenant(10);
        String leadId = createLead(tenant, Map.of("email", "ivy.moss@acme.io"));
        LeadRepository stored = new DynamoLeadRepository(Fixture.runtime().dynamo(), "LeadItemsTable", "LeadIndexTable",
                LeadShards.fixed(LeadShards.DEFAULT));
        // a worker that dies at the write of the enrichment record, if that is a write of its own
        LeadRepository dying = Intercept.around(LeadRepository.class, stored, (method, result) -> {
            if (method.equals("recordEnrichment")) {
                throw new IllegalStateException("worker killed");
            }
            return null;
        });

        try {
            new EnrichmentWriteBack(dying).applyEnrichment(tenant.tenantId(), leadId,
                    new EnrichedFields("Ivy", "Moss", null, null, null, null, null), false,
                    new EnrichmentStamp(List.of("emailAnalysis"), 0.9, Instant.now()));
        } catch (IllegalStateException killed) {
            // the message would come again
        }

        JsonNode lead = tenant.client().get("/api/v2/leads/" + leadId).data();
        assertEquals("Moss", lead.path("lastName").asText(), lead.toString());
        assertEquals("emailAnalysis", lead.path("enrichmentSources").path(0).asText(),
                "the found fields and the record that says where they came from land together: " + lead);
        assertEquals(Instant.parse(lead.path("updatedAt").asText()),
                Instant.parse(lead.path("enrichedAt").asText()).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aBatchWritesBackEachOfItsLeadsAndItsJobCompletes() {
        TestTenant tenant = Fixture.newTenant(10);
        String first = createLead(tenant, Map.of("email", "uma.reed@acme.io"));
        String second = createLead(tenant, Map.of("email", "vic.hale@acme.io", "lastName", "Hale"));
        var leads = new EnrichmentWriteBack(new DynamoLeadRepository(Fixture.runtime().dynamo(), "LeadItemsTable",
                "LeadIndexTable", LeadShards.fixed(LeadShards.DEFAULT)));
        String jobId = new SubmitEnrichment(EnrichmentSupport.tenants(), EnrichmentSupport.jobs(), messages -> Set.of(),
                leads, Clock.systemUTC()).submit(AccessPolicy.ofScope(tenant.tenantId(), null), new EnrichmentRequest(
                        List.of(new LeadInput(first, null, null, null, null, null, null, null),
                                new LeadInput(second, null, null, null, null, null, null, null)),
                        EnrichmentOptions.ALL, 0.5, false)).jobId();
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(0, 1).stream().map(i -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m" + i);
            record.setBody(Json.write(Map.of("tenantId", tenant.tenantId(), "jobId", jobId, "index", i)));
            return record;
        }).toList());

        var response = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event);

        assertTrue(response.getBatchItemFailures().isEmpty());
        JsonNode job = tenant.client().get("/api/v2/enrich/" + jobId).data();
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals("Reed", tenant.client().get("/api/v2/leads/" + first).data().path("lastName").asText());
        JsonNode vic = tenant.client().get("/api/v2/leads/" + second).data();
        assertEquals("Vic", vic.path("firstName").asText());
        assertEquals(2, vic.path("version").asInt(), "an enrichment moves the version once: " + vic);
        assertEquals(8, tenant.client().get("/api/v2/credits").data().path("remaining").asLong());
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

        ApiResponse r = tenant.client().post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "ok@acme.io"), Map.of("leadId", "lead_missing"))));

        assertEquals(400, r.status(), r.toString());
        assertEquals(1, r.body().path("details").path("errors").get(0).path("index").asInt());
        assertEquals(10, tenant.client().get("/api/v2/credits").data().path("remaining").asLong());
    }

    @Test
    void aJobIsNotCompletedBeforeItsEnrichedFieldsAreOnTheLead() {
        TestTenant tenant = Fixture.newTenant(10);
        String leadId = createLead(tenant, Map.of("firstName", "Ada", "email", "ada.stone@acme.io"));
        var dynamo = Fixture.runtime().dynamo();
        LeadStore leads = new EnrichmentWriteBack(new DynamoLeadRepository(dynamo, "LeadItemsTable", "LeadIndexTable",
                LeadShards.fixed(LeadShards.DEFAULT)));
        // submitted through the real use case, its message kept off the queue so that this test delivers it
        String jobId = new SubmitEnrichment(EnrichmentSupport.tenants(), EnrichmentSupport.jobs(), messages -> Set.of(),
                leads, Clock.systemUTC()).submit(AccessPolicy.ofScope(tenant.tenantId(), null), new EnrichmentRequest(List.of(new LeadInput(leadId,
                        null, null, null, null, null, null, null)), EnrichmentOptions.ALL, 0.5, false)).jobId();
        EnrichmentMessage message = new EnrichmentMessage(tenant.tenantId(), jobId, 0);
        // a worker that settles the lead and then stops before its fields are written to it
        LeadStore stopping = new LeadStore() {
            @Override
            public Optional<Lead> find(String tenantId, String id) {
                return leads.find(tenantId, id);
            }

            @Override
            public Map<String, String> idsByEmail(AccessPolicy access, Collection<String> emails) {
                return leads.idsByEmail(access, emails);
            }

            @Override
            public void applyEnrichment(String tenantId, String id, EnrichedFields fields, boolean overwrite,
                                        EnrichmentStamp stamp) {
                throw new IllegalStateException("the worker stops here");
            }
        };
        SettleLead settle = new SettleLead(EnrichmentSupport.jobs(), Providers.fromMap(CompanyDirectory.empty(), Map.of()),
                stopping, Clock.systemUTC());
        assertInstanceOf(IllegalStateException.class, settle.prepare(List.of(message)).enrich().get(message).failure());

        JsonNode job = tenant.client().get("/api/v2/enrich/" + jobId).data();
        assertNull(tenant.client().get("/api/v2/leads/" + leadId).data().path("lastName").textValue(), "not written yet");
        assertNotEquals("completed", job.path("status").asText(), "the job must not claim completed: " + job);
        assertTrue(job.path("completedAt").isNull(), job.toString());
        assertEquals("running", tenant.client().get("/api/v2/enrich?limit=10").data().path("jobs").get(0)
                .path("status").asText());

        // the message comes again: the write-back lands, then the job is completed
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId("redelivered");
        record.setBody(Json.write(Map.of("tenantId", tenant.tenantId(), "jobId", jobId, "index", 0)));
        record.setAttributes(Map.of("ApproximateReceiveCount", "2"));
        event.setRecords(List.of(record));
        var redelivered = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event);
        assertTrue(redelivered.getBatchItemFailures().isEmpty());
        assertEquals("completed", tenant.client().get("/api/v2/enrich/" + jobId).data().path("status").asText());
        assertEquals("Stone", tenant.client().get("/api/v2/leads/" + leadId).data().path("lastName").asText());
        assertEquals(9, tenant.client().get("/api/v2/credits").data().path("remaining").asLong());
    }
}
