package dev.leadbase.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.shared.json.Json;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.edge.ScoringMessages;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.local.RunningRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Accepted means stored: every asynchronous path is fed poison (an unreadable body, a body of the wrong shape, a
 * message naming no tenant's data, a message that fails every time) on the real local queues and streams, and the
 * test looks where it ends: a dead-letter queue, the stream failures queue, or a job result marked failed (an
 * enrichment lead that fails on every receive: EnrichmentSettlementTest). Never nowhere; and the good messages sent
 * with it still do their work.
 *
 * <p>The worker queues' visibility timeouts (90 s to 360 s in the template) are cut to one second for this class, so
 * that a message's receives run out in seconds, and put back afterwards.
 */
class PoisonMessagesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> WORKER_QUEUES = List.of("EnrichmentQueue", "EnrichmentDeadLetterQueue",
            "EventsQueue", "RescoreQueue");
    private static final Map<String, String> VISIBILITY = new HashMap<>();
    /** Messages already taken off a queue that holds no consumer, by queue: what the assertions look through. */
    private static final Map<String, List<Message>> SEEN = new ConcurrentHashMap<>();

    private static RunningRuntime runtime() {
        return Fixture.runtime();
    }

    @BeforeAll
    static void shortVisibility() {
        for (String queue : WORKER_QUEUES) {
            String url = runtime().queueUrl(queue);
            VISIBILITY.put(queue, runtime().sqs().getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
            runtime().sqs().setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        }
    }

    @AfterAll
    static void restoreVisibility() {
        VISIBILITY.forEach((queue, seconds) -> runtime().sqs().setQueueAttributes(r -> r.queueUrl(runtime().queueUrl(queue))
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, seconds))));
    }

    /** Waits until a message whose body passes {@code which} is on {@code queue} (one nobody consumes); returns its body. */
    private static String endsIn(String queue, String what, Predicate<String> which) {
        String url = runtime().queueUrl(queue);
        List<Message> seen = SEEN.computeIfAbsent(queue, q -> new java.util.concurrent.CopyOnWriteArrayList<>());
        List<String> found = new ArrayList<>();
        Fixture.eventually(WAIT, what + " in " + queue, () -> {
            seen.stream().filter(m -> which.test(m.body())).findFirst().ifPresent(m -> found.add(m.body()));
            if (!found.isEmpty()) {
                return true;
            }
            for (Message m : runtime().sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).messages()) {
                if (seen.stream().noneMatch(s -> s.messageId().equals(m.messageId()))) {
                    seen.add(m);
                }
            }
            return false;
        });
        return found.getFirst();
    }

    private static void send(String queue, String... bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build());
        }
        var sent = runtime().sqs().sendMessageBatch(r -> r.queueUrl(runtime().queueUrl(queue)).entries(entries));
        assertEquals(List.of(), sent.failed());
    }

    private static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }

    // ---------------------------------------------------------------- enrichment

    @Test
    void enrichmentMessagesNoJobCanSettleEndParkedAndTheirBatchMatesSettle() {
        TestTenant tenant = Fixture.newTenant(5);
        String tag = unique();
        String unreadable = "{not json " + tag;
        String wrongShape = Json.write(Map.of("poison", tag));
        String unknownJob = Json.write(Map.of("tenantId", tenant.tenantId(), "jobId", "job_poison" + tag, "index", 0));
        send("EnrichmentQueue", unreadable, wrongShape, unknownJob);
        ApiResponse submitted = tenant.client().post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "mira.koss@" + tag + ".io"))));
        assertEquals(202, submitted.status(), submitted.toString());
        String jobId = submitted.data().path("jobId").asText();

        // the worker gives up on each after its receives, the DLQ handler cannot settle them either: parked
        endsIn("EnrichmentUnsettledQueue", "the unreadable message", unreadable::equals);
        endsIn("EnrichmentUnsettledQueue", "the message of the wrong shape", wrongShape::equals);
        endsIn("EnrichmentUnsettledQueue", "the message naming no job", unknownJob::equals);

        Fixture.eventually(WAIT, "the good lead to settle", () -> Set.of("completed", "partial")
                .contains(tenant.client().get("/api/v2/enrich/" + jobId).data().path("status").asText()));
        JsonNode credits = tenant.client().get("/api/v2/credits").data();
        assertEquals(0, credits.path("reserved").asLong(), credits.toString());
        assertEquals(5, credits.path("remaining").asLong() + credits.path("used").asLong(), credits.toString());
    }

    // ---------------------------------------------------------------- events

    @Test
    void eventsThatCannotBeStoredEndInTheEventsDlqAndTheirBatchMatesAreStored() {
        TestTenant tenant = Fixture.newTenant(0);
        ApiResponse lead = tenant.client().post("/api/v2/leads", Map.of("email", "noor.ek@" + unique() + ".io"));
        assertEquals(201, lead.status(), lead.toString());
        String leadId = lead.data().path("id").asText();
        String tag = unique();
        Instant now = Instant.now();
        String good = ScoringMessages.event(new ScoringEvent(tenant.tenantId(), leadId, "evt_good" + tag, "page_view",
                now, Map.of(), now));
        String unreadable = "{not json " + tag;
        String wrongShape = Json.write(Map.of("tenantId", tenant.tenantId(), "leadId", leadId, "poison", tag));
        String unknownLead = ScoringMessages.event(new ScoringEvent(tenant.tenantId(), "lead_poison" + tag,
                "evt_unknown" + tag, "page_view", now, Map.of(), now));
        // a lead id no key can hold: every write of it fails, and so does any read of the batch that names it
        String alwaysFails = ScoringMessages.event(new ScoringEvent(tenant.tenantId(), "lead_" + "x".repeat(2000),
                "evt_fails" + tag, "page_view", now, Map.of(), now));
        send("EventsQueue", unreadable, wrongShape, unknownLead, alwaysFails, good);

        endsIn("EventsDLQ", "the unreadable event", unreadable::equals);
        endsIn("EventsDLQ", "the event of the wrong shape", wrongShape::equals);
        endsIn("EventsDLQ", "the event for an unknown lead", unknownLead::equals);
        endsIn("EventsDLQ", "the event that always fails", alwaysFails::equals);
        JsonNode events = tenant.client().get("/api/v2/leads/" + leadId + "/events").data();
        assertTrue(events.toString().contains("evt_good" + tag), "the good event is stored: " + events);
        assertTrue(SEEN.get("EventsDLQ").stream().noneMatch(m -> m.body().equals(good)), "the good event is not dead-lettered");
    }

    // ---------------------------------------------------------------- rescoring

    @Test
    void rescoreMessagesThatCannotRunEndInTheRescoreDlq() {
        String tag = unique();
        String unreadable = "{not json " + tag;
        String wrongShape = Json.write(Map.of("poison", tag));
        send("RescoreQueue", unreadable, wrongShape);

        endsIn("RescoreDLQ", "the unreadable rescore message", unreadable::equals);
        endsIn("RescoreDLQ", "the rescore message of the wrong shape", wrongShape::equals);
    }

    // ---------------------------------------------------------------- the Leads stream

    @Test
    void aLeadsStreamRecordNoConsumerCanHandleEndsInStreamFailuresAndTheRecordsAfterItAreHandled() {
        TestTenant tenant = Fixture.newTenant(0);
        String tag = unique();
        ApiResponse lead = tenant.client().post("/api/v2/leads", Map.of("firstName", "Ansel", "lastName", "Poe",
                "email", "ansel.poe@" + tag + ".io"));
        assertEquals(201, lead.status(), lead.toString());
        String leadId = lead.data().path("id").asText();
        String leads = runtime().tableName("LeadItemsTable");
        Instant before = Instant.now();

        // a lead item no reader can take (its creation time is not a time), then a rename only the indexer can see
        runtime().dynamo().putItem(r -> r.tableName(leads).item(Map.of(
                "tenantId", AttributeValue.fromS(tenant.tenantId()), "leadId", AttributeValue.fromS("lead_poison" + tag),
                "firstName", AttributeValue.fromS("Broken"), "createdAt", AttributeValue.fromS("not a time"))));
        String renamed = "Quillon" + tag.replaceAll("[0-9]", "");
        runtime().dynamo().updateItem(r -> r.tableName(leads)
                .key(Map.of("tenantId", AttributeValue.fromS(tenant.tenantId()), "leadId", AttributeValue.fromS(leadId)))
                .updateExpression("SET firstName = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS(renamed))));

        String failure = endsIn("StreamFailuresQueue", "the SearchIndexer's failure record", body ->
                body.contains("SearchIndexer") && Instant.parse(read(body).path("timestamp").asText()).isAfter(before));
        assertEquals(1, read(failure).path("DDBStreamBatchInfo").path("batchSize").asInt(), failure);
        Fixture.eventually(WAIT, "the renamed lead to be found by its new name", () -> tenant.client()
                .get("/api/v2/leads?search=" + renamed.toLowerCase()).data().path("leads").toString().contains(leadId));
    }

    private static JsonNode read(String json) {
        try {
            return Json.read(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
