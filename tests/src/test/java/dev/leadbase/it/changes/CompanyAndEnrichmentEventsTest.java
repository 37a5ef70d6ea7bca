package dev.leadbase.it.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.it.changes.ChangeCapture.Captured;
import dev.leadbase.it.enrichment.EnrichmentSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The Companies and EnrichmentJobs streams' consumers: company.created and company.updated show the company as a read
 * does (updated with its previous values), enrichment.completed the finished job's counts and credits; neither names a
 * lead or an owner. A company item no reader can take ends in the stream failures queue, and the records after it
 * are told.
 */
class CompanyAndEnrichmentEventsTest {
    @Test
    void aCompanysCreateAndChangeArriveAsEventsWithTheCompanyAndItsPreviousValues() {
        TestTenant t = Fixture.newTenant(0);
        ChangeCapture capture = new ChangeCapture("CompaniesTable", "CompanyChangePublisher");
        ApiResponse created = t.client().post("/api/v2/companies", Map.of("name", "Quartz Labs",
                "domain", "quartz-" + t.tenantId().replace("_", "").toLowerCase() + ".io"));
        assertEquals(201, created.status(), created.toString());
        String companyId = created.data().path("id").asText();
        // no route changes a company yet; a change of its item is what a future one would write
        Fixture.runtime().dynamo().updateItem(u -> u.tableName(Fixture.runtime().tableName("CompaniesTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(t.tenantId()), "companyId", AttributeValue.fromS(companyId)))
                .updateExpression("SET industry = :i, updatedAt = :u").expressionAttributeValues(Map.of(
                        ":i", AttributeValue.fromS("Software"), ":u", AttributeValue.fromS(Instant.now().toString()))));
        JsonNode asRead = t.client().get("/api/v2/companies/" + companyId).data();

        capture.deliverAll(capture.records(t.tenantId(), 2, r -> true));
        List<Captured> events = capture.captured();
        assertEquals(List.of("company.created", "company.updated"), events.stream().map(Captured::type).toList());
        assertEquals(created.data(), events.get(0).data().path("company"), "as the create answered it");
        JsonNode updated = events.get(1).data();
        assertEquals(asRead, updated.path("company"), "as a read shows it");
        assertEquals(List.of("industry"), texts(updated.path("changedFields")));
        assertTrue(updated.path("previous").path("industry").isNull(), updated.toString());
        for (Captured e : events) {
            assertEquals(companyId, e.event().path("subjectId").asText());
            assertTrue(e.event().path("leadId").isNull() && e.event().path("ownerId").isNull(), e.event().toString());
            assertEquals(FeedPartition.of(t.tenantId(), companyId).key(), e.groupId());
        }
    }

    @Test
    void aJobThatFinishesIsOneEnrichmentCompletedWithItsCountsAndCredits() {
        TestTenant t = Fixture.newTenant(5);
        ChangeCapture capture = new ChangeCapture("EnrichmentJobsTable", "JobCompletionPublisher");
        ApiResponse submitted = t.client().post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "john@techcorp.com"), Map.of("email", "no.one@" + t.tenantId().replace("_", "").toLowerCase() + ".example"))));
        assertEquals(202, submitted.status(), submitted.toString());
        String jobId = submitted.data().path("jobId").asText();
        JsonNode job = EnrichmentSupport.awaitFinished(t.client(), jobId);

        // the job header's changes, up to the one that settled its last lead (results and rate counters are filtered out)
        capture.deliverAll(capture.recordsUntil(t.tenantId(), r -> r.dynamodb().keys().get("sk").s().startsWith("JOB#"),
                "the job's last settlement", headers -> headers.stream().anyMatch(r -> r.dynamodb().hasNewImage()
                        && "2".equals(r.dynamodb().newImage().get("settled").n()))));
        List<Captured> events = capture.captured();
        assertEquals(List.of("enrichment.completed"), events.stream().map(Captured::type).toList(), events.toString());
        JsonNode data = events.getFirst().data();
        assertEquals(jobId, data.path("jobId").asText());
        for (String field : List.of("status", "total", "completed", "enrichedCount", "noMatchCount", "failedCount",
                "creditsReserved", "creditsUsed", "creditsRefunded", "completedAt")) {
            assertEquals(job.path(field), data.path(field), field + " as GET /api/v2/enrich/{jobId} shows it");
        }
        assertEquals(2, data.path("total").asInt());
        assertEquals(jobId, events.getFirst().event().path("subjectId").asText());
        assertTrue(events.getFirst().event().path("leadId").isNull());
        assertEquals(job.path("completedAt").asText(), events.getFirst().event().path("occurredAt").asText());
    }

    @Test
    void aCompanyItemNoReaderCanTakeEndsInStreamFailuresAndTheChangesAfterItAreTold() {
        TestTenant t = Fixture.newTenant(0);
        Instant before = Instant.now();
        ChangeCapture capture = new ChangeCapture("CompaniesTable", "CompanyChangePublisher");
        String poisonId = "cmp_poison" + Long.toString(System.nanoTime(), 36);
        Fixture.runtime().dynamo().putItem(p -> p.tableName(Fixture.runtime().tableName("CompaniesTable")).item(Map.of(
                "tenantId", AttributeValue.fromS(t.tenantId()), "companyId", AttributeValue.fromS(poisonId),
                "name", AttributeValue.fromS("Broken"), "createdAt", AttributeValue.fromS("not a time"))));
        ApiResponse good = t.client().post("/api/v2/companies", Map.of("name", "Fine Co"));
        assertEquals(201, good.status());

        // as Lambda runs it: the poison fails its batch and alone is reported, so nothing after it runs first ...
        List<Record> records = capture.records(t.tenantId(), 2, r -> true);
        StreamsEventResponse response = capture.deliver(records);
        assertEquals(List.of(records.getFirst().dynamodb().sequenceNumber()), response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of(), capture.captured());
        // ... and once Lambda gave up on it (to the stream failures queue, below), the record after it is told
        capture.deliverAll(records.subList(1, 2));
        assertEquals(List.of("company.created"), capture.captured().stream().map(Captured::type).toList());

        // the template's consumer, on the runtime's own stream: the poison is not dropped silently
        String failures = Fixture.runtime().queueUrl("StreamFailuresQueue");
        List<String> seen = new ArrayList<>();
        Fixture.eventually(Duration.ofSeconds(60), "the CompanyChangePublisher's failure record", () -> {
            for (Message m : Fixture.runtime().sqs().receiveMessage(r -> r.queueUrl(failures).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).messages()) {
                seen.add(m.body());
            }
            return seen.stream().anyMatch(b -> b.contains("CompanyChangePublisher")
                    && Instant.parse(ChangeCapture.read(b).path("timestamp").asText()).isAfter(before));
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

}
