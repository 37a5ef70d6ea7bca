package dev.leadbase.it.enrichment;

import static dev.leadbase.it.enrichment.EnrichmentSupport.jobs;
import static dev.leadbase.it.enrichment.EnrichmentSupport.ledger;
import static dev.leadbase.it.enrichment.EnrichmentSupport.tenants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.providers.EmailAnalysisProvider;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.EnrichmentRequest;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.EnrichmentProvider;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.enrichment.domain.LeadStore;
import dev.leadbase.enrichment.app.ProviderChain;
import dev.leadbase.enrichment.domain.ProviderUnavailable;
import dev.leadbase.enrichment.app.SettleLead;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.shared.json.Json;
import dev.leadbase.enrichment.providers.Providers;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.enrichment.edge.EnrichmentWorker;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.Intercept;
import dev.leadbase.it.TestTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly-once settlement on DynamoDB Local: duplicate deliveries, a worker dying before it
 * settles, the DLQ settler, and leads whose messages could not be queued.
 */
class EnrichmentSettlementTest {
    private static final Clock CLOCK = Clock.systemUTC();

    /** Submits through the real use case and repositories, but keeps the messages off the queue. */
    private static String jobWithoutMessages(String tenantId, LeadInput... leads) {
        return jobWithoutMessages(tenantId, CLOCK, leads);
    }

    /** The same, as submitted at the time {@code clock} tells. */
    private static String jobWithoutMessages(String tenantId, Clock clock, LeadInput... leads) {
        var submit = new SubmitEnrichment(tenants(), jobs(), messages -> Set.of(), LeadStore.none(), clock);
        return submit.submit(AccessPolicy.ofScope(tenantId, null), new EnrichmentRequest(List.of(leads), EnrichmentOptions.ALL, 0.8, false)).jobId();
    }

    private static LeadInput email(String email) {
        return new LeadInput(null, email, null, null, null, null, null, null);
    }

    private static SQSEvent event(EnrichmentMessage... messages) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (EnrichmentMessage m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("msg-" + m.index() + "-" + System.nanoTime());
            record.setBody(Json.write(Map.of("tenantId", m.tenantId(), "jobId", m.jobId(), "index", m.index())));
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }

    @Test
    void leadsStillPendingHoursAfterTheirJobStartedAreExpiredAndRefundedOnce() {
        TestTenant tenant = Fixture.newTenant(5);
        Clock threeHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        // a submit that stopped after its transaction, before its messages: nothing would ever settle these
        String stale = jobWithoutMessages(tenant.tenantId(), threeHoursAgo, email("a@stripe.com"), email("b@stripe.com"));
        String recent = jobWithoutMessages(tenant.tenantId(), email("c@stripe.com"));
        assertEquals(new CreditBalance(2, 3, 0, 5), ledger(tenant.tenantId()));
        Fixture.awaitIndexes();

        Fixture.runtime().fireSchedule("ExpireStaleJobsFunction");

        JsonNode job = tenant.client().get("/api/v2/enrich/" + stale).data();
        assertEquals("failed", job.path("status").asText(), job.toString());
        assertEquals(2, job.path("failed").size());
        job.path("failed").forEach(f -> assertEquals("EXPIRED", f.path("code").asText()));
        assertEquals("queued", tenant.client().get("/api/v2/enrich/" + recent).data().path("status").asText(),
                "a recent job's leads may still be on their way");
        assertEquals(new CreditBalance(4, 1, 0, 5), ledger(tenant.tenantId()));

        // the next sweep, or a worker that turns up late after all, changes nothing
        Fixture.runtime().fireSchedule("ExpireStaleJobsFunction");
        LeadResult expired = jobs().result(tenant.tenantId(), stale, 0).orElseThrow();
        assertEquals(List.of(), jobs().settle(List.of(expired.settle(LeadResult.State.ENRICHED, null, null, null, Instant.now()))));
        assertEquals(new CreditBalance(4, 1, 0, 5), ledger(tenant.tenantId()));
    }

    @Test
    void duplicateDeliveryOfTheSameMessageSettlesOnce() {
        TestTenant tenant = Fixture.newTenant(5);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("mia.rossi@acme.io"));
        EnrichmentMessage message = new EnrichmentMessage(tenant.tenantId(), jobId, 0);

        var first = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event(message, message));
        var again = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event(message));

        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(again.getBatchItemFailures().isEmpty());
        EnrichmentJob job = jobs().find(tenant.tenantId(), jobId).orElseThrow();
        assertEquals(1, job.settled());
        assertEquals(1, job.enriched());
        assertEquals(new CreditBalance(4, 0, 1, 5), ledger(tenant.tenantId()));
    }

    @Test
    void aWorkerThatDiesAfterTheProviderCallLeavesNothingHalfWritten() {
        TestTenant tenant = Fixture.newTenant(5);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("lea.park@acme.io"));
        EnrichmentMessage message = new EnrichmentMessage(tenant.tenantId(), jobId, 0);
        EnrichmentJobRepository dying = Intercept.around(EnrichmentJobRepository.class, jobs(), (method, result) -> {
            if (method.equals("settle")) {
                throw new IllegalStateException("worker killed before settling");
            }
            return null;
        });
        SettleLead crashing = new SettleLead(dying, Providers.fromMap(CompanyDirectory.empty(), Map.of()),
                LeadStore.none(), CLOCK);

        assertInstanceOf(IllegalStateException.class, crashing.prepare(List.of(message)).enrich().get(message).failure());

        assertEquals(LeadResult.State.PENDING, jobs().result(tenant.tenantId(), jobId, 0).orElseThrow().state());
        assertEquals(0, jobs().find(tenant.tenantId(), jobId).orElseThrow().settled());
        assertEquals(new CreditBalance(4, 1, 0, 5), ledger(tenant.tenantId()));

        var retried = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event(message));
        assertTrue(retried.getBatchItemFailures().isEmpty());
        assertEquals(LeadResult.State.ENRICHED, jobs().result(tenant.tenantId(), jobId, 0).orElseThrow().state());
        assertEquals(new CreditBalance(4, 0, 1, 5), ledger(tenant.tenantId()));
    }

    @Test
    void aLeadOfABatchSettledMeanwhileElsewhereIsLeftOutAndTheOthersCountOnce() {
        TestTenant tenant = Fixture.newTenant(10);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("ava.lind@acme.io"), email("bo.kerr@acme.io"),
                email("cai.dunn@acme.io"), email("dee.farr@acme.io"));
        List<EnrichmentMessage> batch = List.of(0, 1, 2, 3).stream()
                .map(i -> new EnrichmentMessage(tenant.tenantId(), jobId, i)).toList();
        SettleLead elsewhere = new SettleLead(jobs(), Providers.fromMap(CompanyDirectory.empty(), Map.of()),
                LeadStore.none(), CLOCK);
        // the DLQ settler fails lead 1 after this batch read it pending, before the batch settles it
        EnrichmentJobRepository racing = Intercept.around(EnrichmentJobRepository.class, jobs(), (method, result) -> {
            if (method.equals("settle") && result == null) {
                elsewhere.fail(batch.get(1), "dead-lettered meanwhile");
            }
            return null;
        });

        Map<EnrichmentMessage, SettleLead.Handled> handled = new SettleLead(racing,
                Providers.fromMap(CompanyDirectory.empty(), Map.of()), LeadStore.none(), CLOCK).prepare(batch).enrich();

        assertEquals(List.of(SettleLead.Outcome.ENRICHED, SettleLead.Outcome.ALREADY_SETTLED, SettleLead.Outcome.ENRICHED,
                SettleLead.Outcome.ENRICHED), batch.stream().map(m -> handled.get(m).outcome()).toList());
        assertEquals(SettleLead.ENRICHMENT_FAILED, jobs().result(tenant.tenantId(), jobId, 1).orElseThrow().code());
        EnrichmentJob job = jobs().find(tenant.tenantId(), jobId).orElseThrow();
        assertEquals(List.of(4, 3, 1), List.of(job.settled(), job.enriched(), job.failed()));
        assertEquals(new CreditBalance(7, 0, 3, 10), ledger(tenant.tenantId()));

        // the whole batch delivered again changes nothing
        var again = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction",
                event(batch.toArray(EnrichmentMessage[]::new)));
        assertTrue(again.getBatchItemFailures().isEmpty());
        assertEquals(4, jobs().find(tenant.tenantId(), jobId).orElseThrow().settled());
        assertEquals(new CreditBalance(7, 0, 3, 10), ledger(tenant.tenantId()));
    }

    @Test
    void aBatchRetriedAfterItsSettlingWriteCommittedCountsEachLeadOnce() {
        TestTenant tenant = Fixture.newTenant(10);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("eve.hart@acme.io"), email("fin.ross@acme.io"),
                email("gus.ward@acme.io"));
        SQSEvent event = event(new EnrichmentMessage(tenant.tenantId(), jobId, 0),
                new EnrichmentMessage(tenant.tenantId(), jobId, 1), new EnrichmentMessage(tenant.tenantId(), jobId, 2));
        // the settling write commits, then the worker dies before it hears back: every message comes again
        EnrichmentJobRepository dying = Intercept.around(EnrichmentJobRepository.class, jobs(), (method, result) -> {
            if (method.equals("settle") && result != null) {
                throw new IllegalStateException("worker killed after its settling write");
            }
            return null;
        });
        var crashed = new EnrichmentWorker(new SettleLead(dying, Providers.fromMap(CompanyDirectory.empty(), Map.of()),
                LeadStore.none(), CLOCK)).handleRequest(event, null);
        assertEquals(3, crashed.getBatchItemFailures().size());

        var retried = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event);

        assertTrue(retried.getBatchItemFailures().isEmpty());
        EnrichmentJob job = jobs().find(tenant.tenantId(), jobId).orElseThrow();
        assertEquals(List.of(3, 3), List.of(job.settled(), job.enriched()));
        assertEquals("completed", tenant.client().get("/api/v2/enrich/" + jobId).data().path("status").asText());
        assertEquals(new CreditBalance(7, 0, 3, 10), ledger(tenant.tenantId()));
    }

    @Test
    void aJobWhoseSettlingWriteFailsHoldsUpNoOtherJobOfItsBatch() {
        TestTenant broken = Fixture.newTenant(5);
        TestTenant healthy = Fixture.newTenant(5);
        String brokenJob = jobWithoutMessages(broken.tenantId(), email("hal.moor@acme.io"));
        String healthyJob = jobWithoutMessages(healthy.tenantId(), email("ian.cole@acme.io"), email("jo.pike@acme.io"));
        // a ledger that no longer holds the job's reservation: its settlement fails its condition
        Fixture.runtime().dynamo().updateItem(r -> r.tableName("TenantsTable")
                .key(Map.of("tenantId", AttributeValue.fromS(broken.tenantId())))
                .updateExpression("SET creditsReserved = :zero").expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"))));
        SQSEvent event = event(new EnrichmentMessage(broken.tenantId(), brokenJob, 0),
                new EnrichmentMessage(healthy.tenantId(), healthyJob, 0), new EnrichmentMessage(healthy.tenantId(), healthyJob, 1));

        var response = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event);

        assertEquals(List.of(event.getRecords().get(0).getMessageId()), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(LeadResult.State.PENDING, jobs().result(broken.tenantId(), brokenJob, 0).orElseThrow().state());
        assertEquals("completed", healthy.client().get("/api/v2/enrich/" + healthyJob).data().path("status").asText());
        assertEquals(new CreditBalance(3, 0, 2, 5), ledger(healthy.tenantId()));
    }

    @Test
    void aDeadLetteredLeadIsSettledAsFailedAndRefunded() {
        TestTenant tenant = Fixture.newTenant(5);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("noa.berg@acme.io"), email("eli.ward@acme.io"));
        String dlq = Fixture.runtime().queueUrl("EnrichmentDeadLetterQueue");

        Fixture.runtime().sqs().sendMessage(r -> r.queueUrl(dlq)
                .messageBody(Json.write(Map.of("tenantId", tenant.tenantId(), "jobId", jobId, "index", 1))));
        Fixture.eventually(Duration.ofSeconds(20), "the DLQ settler to refund the lead",
                () -> jobs().result(tenant.tenantId(), jobId, 1).orElseThrow().settled());
        Fixture.runtime().invoke("EnrichmentWorkerFunction", event(new EnrichmentMessage(tenant.tenantId(), jobId, 0)));

        var job = tenant.client().get("/api/v2/enrich/" + jobId).data();
        assertEquals("partial", job.path("status").asText(), job.toString());
        assertEquals("ENRICHMENT_FAILED", job.path("failed").get(0).path("code").asText());
        assertEquals(1, job.path("failed").get(0).path("index").asInt());
        assertEquals(new CreditBalance(4, 0, 1, 5), ledger(tenant.tenantId()));

        var late = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentDlqFunction",
                event(new EnrichmentMessage(tenant.tenantId(), jobId, 1), new EnrichmentMessage(tenant.tenantId(), jobId, 0)));
        assertTrue(late.getBatchItemFailures().isEmpty());
        assertEquals(new CreditBalance(4, 0, 1, 5), ledger(tenant.tenantId()), "settled leads are not settled again");
    }

    @Test
    void leadsThatCouldNotBeQueuedAreRefundedBeforeTheAnswer() {
        TestTenant tenant = Fixture.newTenant(5);
        var submit = new SubmitEnrichment(tenants(), jobs(), messages -> Set.of(1, 2), LeadStore.none(), CLOCK);

        var submitted = submit.submit(AccessPolicy.ofScope(tenant.tenantId(), null), new EnrichmentRequest(
                List.of(email("a.b@acme.io"), email("c.d@acme.io"), email("e.f@acme.io")), EnrichmentOptions.ALL, 0.8, false));

        assertEquals(1, submitted.creditsReserved());
        assertEquals(4, submitted.remainingCredits());
        assertEquals(new CreditBalance(4, 1, 0, 5), ledger(tenant.tenantId()));
        var failed = jobs().result(tenant.tenantId(), submitted.jobId(), 2).orElseThrow();
        assertEquals(LeadResult.State.FAILED, failed.state());
        assertEquals("QUEUE_UNAVAILABLE", failed.code());
    }

    @Test
    void anUnreadableMessageIsReportedAloneAndItsBatchMatesSettle() {
        TestTenant tenant = Fixture.newTenant(5);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("ida.moss@acme.io"));
        SQSEvent event = event(new EnrichmentMessage(tenant.tenantId(), jobId, 0));
        SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
        poison.setMessageId("poison");
        poison.setBody("{not json");
        event.setRecords(List.of(poison, event.getRecords().get(0)));

        var response = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event);

        assertEquals(List.of("poison"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(new CreditBalance(4, 0, 1, 5), ledger(tenant.tenantId()));
    }

    @Test
    void aLeadWhoseProviderIsDownIsReportedAloneAndItsBatchMatesSettle() {
        TestTenant tenant = Fixture.newTenant(5);
        String jobId = jobWithoutMessages(tenant.tenantId(), email("ana.lund@acme.io"), email("ben.holt@down.io"),
                email("cy.vale@acme.io"));
        EnrichmentProvider downForOneDomain = new EnrichmentProvider() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public Optional<ProviderResult> lookup(ProviderQuery query) {
                if (query.email().endsWith("@down.io")) {
                    throw new ProviderUnavailable("flaky answered 503");
                }
                return Optional.empty();
            }
        };
        var worker = new EnrichmentWorker(new SettleLead(jobs(),
                new ProviderChain(List.of(downForOneDomain, new EmailAnalysisProvider())), LeadStore.none(), CLOCK));
        SQSEvent event = event(new EnrichmentMessage(tenant.tenantId(), jobId, 0),
                new EnrichmentMessage(tenant.tenantId(), jobId, 1), new EnrichmentMessage(tenant.tenantId(), jobId, 2));

        SQSBatchResponse response = worker.handleRequest(event, null);

        assertEquals(List.of(event.getRecords().get(1).getMessageId()), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(LeadResult.State.ENRICHED, jobs().result(tenant.tenantId(), jobId, 0).orElseThrow().state());
        assertEquals(LeadResult.State.PENDING, jobs().result(tenant.tenantId(), jobId, 1).orElseThrow().state());
        assertEquals(LeadResult.State.ENRICHED, jobs().result(tenant.tenantId(), jobId, 2).orElseThrow().state());
        assertEquals(new CreditBalance(2, 1, 2, 5), ledger(tenant.tenantId()));
    }

    @Test
    void aBatchFindsTheDirectoryCompanyAndTheLeadByEmailOfEachOfItsLeads() {
        TestTenant tenant = Fixture.newTenant(10);
        String domain = "orbit" + System.nanoTime() + ".io";
        var company = tenant.client().post("/api/v2/companies", Map.of("name", "Orbit Labs", "domain", domain));
        assertEquals(201, company.status(), company.toString());
        var lead = tenant.client().post("/api/v2/leads", Map.of("firstName", "Kai", "email", "kai.moreau@" + domain));
        assertEquals(201, lead.status(), lead.toString());
        String leadId = lead.data().path("id").asText();
        String jobId = jobWithoutMessages(tenant.tenantId(), email("KAI.MOREAU@" + domain), email("lin.ohara@" + domain),
                email("sam.reyes@nowhere-" + domain));
        EnrichmentMessage second = new EnrichmentMessage(tenant.tenantId(), jobId, 1);

        var response = (SQSBatchResponse) Fixture.runtime().invoke("EnrichmentWorkerFunction", event(
                new EnrichmentMessage(tenant.tenantId(), jobId, 0), second, new EnrichmentMessage(tenant.tenantId(), jobId, 2),
                second));

        assertTrue(response.getBatchItemFailures().isEmpty());
        LeadResult known = jobs().result(tenant.tenantId(), jobId, 0).orElseThrow();
        assertEquals(leadId, known.targetLeadId(), "the lead holding the email, in any case");
        assertEquals("Moreau", tenant.client().get("/api/v2/leads/" + leadId).data().path("lastName").asText());
        LeadResult colleague = jobs().result(tenant.tenantId(), jobId, 1).orElseThrow();
        assertEquals(null, colleague.targetLeadId());
        assertEquals("Orbit Labs", colleague.enrichedData().get("company"));
        assertTrue(colleague.sources().contains("companyDirectory"), colleague.sources().toString());
        LeadResult stranger = jobs().result(tenant.tenantId(), jobId, 2).orElseThrow();
        assertEquals(LeadResult.State.ENRICHED, stranger.state());
        assertTrue(!stranger.sources().contains("companyDirectory"), stranger.sources().toString());
        assertEquals(3, jobs().find(tenant.tenantId(), jobId).orElseThrow().settled(), "the duplicate settled nothing");
        assertEquals(new CreditBalance(7, 0, 3, 10), ledger(tenant.tenantId()));
    }
}
