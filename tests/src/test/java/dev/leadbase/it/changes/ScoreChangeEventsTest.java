package dev.leadbase.it.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.it.changes.ChangeCapture.Captured;
import dev.leadbase.local.LocalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Score changes are coalesced per lead and rule set: a level change is told at once (a new lead's first score too: no
 * level to cold); any other change is held back, and the final score of the lead's minute (a minute on AWS,
 * {@value #WINDOW_SECONDS} s here) told when it ends, by one flush however many changes the minute had; a write that
 * changes only scores is no {@code lead.updated}.
 */
class ScoreChangeEventsTest {
    private static final int WINDOW_SECONDS = 8;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aBurstIsToldWithItsFinalScoreWhenTheMinuteEndsAndALevelChangeAtOnce() {
        TestTenant t = Fixture.newTenant(0);
        ApiResponse rs = t.client().post("/api/v2/scoring/rulesets", Map.of("name", "Engagement", "type", "engagement",
                "primary", true, "rules", List.of(Map.of("eventType", "page_view", "points", 5))));
        assertEquals(201, rs.status(), rs.toString());
        String rulesetId = rs.data().path("id").asText();
        String flushes = ChangeCapture.privateQueue("score-flushes");
        ChangeCapture capture = new ChangeCapture("LeadItemsTable", "SearchIndexer", Map.of(
                "SCORE_CHANGES_QUEUE_URL", flushes, "SCORE_CHANGE_WINDOW_SECONDS", Integer.toString(WINDOW_SECONDS),
                "SCORE_CHANGES_TABLE", ChangeCapture.privateScoreChangesTable()));
        LocalFunction flusher = capture.sibling("ScoreChangeFlusher");
        String leadId = t.client().post("/api/v2/leads", Map.of("email", "burst@" + t.tenantId().replace("_", "").toLowerCase() + ".io"))
                .data().path("id").asText();

        // a burst: three page views, each its own score write (5, 10, 15: all cold)
        for (int views = 1; views <= 3; views++) {
            ApiResponse sent = t.client().post("/api/v2/events", Map.of("events", List.of(Map.of("leadId", leadId,
                    "type", "page_view", "eventId", "view-" + views))));
            assertEquals(202, sent.status(), sent.toString());
            long expected = 5L * views;
            Fixture.eventually(WAIT, "score " + expected, () -> score(t, leadId) == expected);
        }
        List<Record> records = capture.records(t.tenantId(), 4, r -> leadId.equals(r.dynamodb().keys().get("leadId").s()));
        capture.deliverAll(records);

        List<Captured> now = capture.captured("lead.score_changed");
        assertEquals(1, now.size(), "the first score only (no level to cold), at once: " + now);
        assertMove(now.getFirst(), rulesetId, null, 5, null, "cold");
        assertEquals(FeedPartition.of(t.tenantId(), leadId).key(), now.getFirst().groupId());
        assertEquals("user_1", now.getFirst().event().path("ownerId").asText());
        assertEquals(List.of(), capture.captured("lead.updated"), "score writes are no lead.updated");

        // when the minute ends, its one flush tells the final score of the burst, once however often it comes
        List<Message> dueFlushes = await(flushes);
        assertEquals(1, dueFlushes.size(), "the minute's later change sent no other flush: " + dueFlushes);
        Message flush = dueFlushes.getFirst();
        Instant due = Instant.parse(ChangeCapture.read(flush.body()).path("due").asText());
        assertTrue(Instant.now().plusSeconds(1).isAfter(due), "the flush came when its window was over: " + due);
        invoke(flusher, flush);
        invoke(flusher, flush);
        List<Captured> after = capture.captured("lead.score_changed");
        assertEquals(2, after.size(), after.toString());
        assertMove(after.get(1), rulesetId, 5L, 15, "cold", "cold");
        assertEquals(due, Instant.parse(after.get(1).event().path("occurredAt").asText()));

        // within the next window, a level change is told at once: 15 → 20 is warm
        ApiResponse warm = t.client().post("/api/v2/events", Map.of("events", List.of(Map.of("leadId", leadId,
                "type", "page_view", "eventId", "view-4"))));
        assertEquals(202, warm.status());
        Fixture.eventually(WAIT, "score 20", () -> score(t, leadId) == 20);
        List<Record> more = capture.records(t.tenantId(), records.size() + 1,
                r -> leadId.equals(r.dynamodb().keys().get("leadId").s()));
        capture.deliverAll(more.subList(records.size(), more.size()));
        List<Captured> leveled = capture.captured("lead.score_changed");
        assertEquals(3, leveled.size(), leveled.toString());
        assertMove(leveled.get(2), rulesetId, 15L, 20, "cold", "warm");
        assertEquals(List.of(), capture.captured("lead.updated"));

        // a quiet minute later, a burst that keeps the level is told once, when its minute ends: 20 → 35, warm
        Fixture.pause((WINDOW_SECONDS + 1) * 1000L);
        for (int views = 5; views <= 7; views++) {
            assertEquals(202, t.client().post("/api/v2/events", Map.of("events", List.of(Map.of("leadId", leadId,
                    "type", "page_view", "eventId", "view-" + views)))).status());
            long expected = 5L * views;
            Fixture.eventually(WAIT, "score " + expected, () -> score(t, leadId) == expected);
        }
        List<Record> burst = capture.records(t.tenantId(), more.size() + 3,
                r -> leadId.equals(r.dynamodb().keys().get("leadId").s()));
        capture.deliverAll(burst.subList(more.size(), burst.size()));
        assertEquals(3, capture.captured("lead.score_changed").size(), "nothing at once for a burst within a level");
        List<Message> burstFlushes = await(flushes);
        assertEquals(1, burstFlushes.size(), "one flush for the whole burst: " + burstFlushes);
        Message last = burstFlushes.getFirst();
        invoke(flusher, last);
        invoke(flusher, last);
        List<Captured> all = capture.captured("lead.score_changed");
        assertEquals(4, all.size(), all.toString());
        assertMove(all.get(3), rulesetId, 20L, 35, "warm", "warm");
    }

    @Test
    void aLeadScoredBeforeItsChangesWereRecordedIsToldFromTheScoreItHad() {
        TestTenant t = Fixture.newTenant(0);
        assertEquals(201, t.client().post("/api/v2/scoring/rulesets", Map.of("name", "Engagement", "type", "engagement",
                "primary", true, "rules", List.of(Map.of("eventType", "page_view", "points", 5)))).status());
        String flushes = ChangeCapture.privateQueue("score-flushes");
        ChangeCapture capture = new ChangeCapture("LeadItemsTable", "SearchIndexer", Map.of(
                "SCORE_CHANGES_QUEUE_URL", flushes, "SCORE_CHANGE_WINDOW_SECONDS", Integer.toString(WINDOW_SECONDS),
                "SCORE_CHANGES_TABLE", ChangeCapture.privateScoreChangesTable()));
        LocalFunction flusher = capture.sibling("ScoreChangeFlusher");
        String leadId = t.client().post("/api/v2/leads", Map.of("email", "earlier@" + t.tenantId().replace("_", "")
                .toLowerCase() + ".io")).data().path("id").asText();
        // scored to 5 (cold) where this gate did not see it: no record of what was told is kept for the lead
        for (int views = 1; views <= 3; views++) {
            assertEquals(202, t.client().post("/api/v2/events", Map.of("events", List.of(Map.of("leadId", leadId,
                    "type", "page_view", "eventId", "view-" + views)))).status());
            long expected = 5L * views;
            Fixture.eventually(WAIT, "score " + expected, () -> score(t, leadId) == expected);
        }
        List<Record> records = capture.records(t.tenantId(), 4,
                r -> leadId.equals(r.dynamodb().keys().get("leadId").s()));
        capture.deliverAll(records.subList(2, 4)); // 5 → 10 → 15, within cold

        assertEquals(List.of(), capture.captured("lead.score_changed"), "held back, not told at once");
        invoke(flusher, await(flushes).getFirst());
        List<Captured> told = capture.captured("lead.score_changed");
        assertEquals(1, told.size(), told.toString());
        assertMove(told.getFirst(), null, 5L, 15, "cold", "cold");
    }

    @Test
    void aScoreChangeWhosePublishingFailedIsToldWhenItsRecordIsRetried() {
        TestTenant t = Fixture.newTenant(0);
        assertEquals(201, t.client().post("/api/v2/scoring/rulesets", Map.of("name", "Engagement", "type", "engagement",
                "primary", true, "rules", List.of(Map.of("eventType", "page_view", "points", 5)))).status());
        Map<String, String> env = Map.of("SCORE_CHANGES_QUEUE_URL", ChangeCapture.privateQueue("score-flushes"),
                "SCORE_CHANGE_WINDOW_SECONDS", Integer.toString(WINDOW_SECONDS),
                "SCORE_CHANGES_TABLE", ChangeCapture.privateScoreChangesTable());
        ChangeCapture failing = new ChangeCapture("LeadItemsTable", "SearchIndexer", env);
        String leadId = t.client().post("/api/v2/leads", Map.of("email", "retried@" + t.tenantId().replace("_", "")
                .toLowerCase() + ".io")).data().path("id").asText();
        assertEquals(202, t.client().post("/api/v2/events", Map.of("events", List.of(Map.of("leadId", leadId,
                "type", "page_view", "eventId", "view-1")))).status());
        Fixture.eventually(WAIT, "score 5", () -> score(t, leadId) == 5);
        List<Record> records = failing.records(t.tenantId(), 2, r -> leadId.equals(r.dynamodb().keys().get("leadId").s()));

        // the change is recorded as told, then its publishing fails: Lambda retries the record
        failing.deliverAll(records.subList(0, 1)); // the create
        failing.breakQueue();
        List<Record> scored = records.subList(1, 2);
        assertEquals(scored.getFirst().dynamodb().sequenceNumber(), failing.deliver(scored).getBatchItemFailures()
                .getFirst().getItemIdentifier());
        ChangeCapture retried = new ChangeCapture("LeadItemsTable", "SearchIndexer", env);
        retried.deliverAll(scored);
        List<Captured> told = retried.captured("lead.score_changed");
        assertEquals(1, told.size(), "the change recorded as told is told again, not lost: " + told);
        assertMove(told.getFirst(), null, null, 5, null, "cold");
    }

    private static void assertMove(Captured e, String rulesetId, Long previousScore, long score, String previousLevel,
                                   String level) {
        JsonNode d = e.data();
        if (rulesetId != null) {
            assertEquals(rulesetId, d.path("rulesetId").asText(), d.toString());
        }
        assertEquals("Engagement", d.path("rulesetName").asText(), d.toString());
        if (previousScore == null) {
            assertTrue(d.path("previousScore").isNull(), d.toString());
        } else {
            assertEquals(previousScore.longValue(), d.path("previousScore").asLong(), d.toString());
        }
        assertEquals(score, d.path("score").asLong(), d.toString());
        if (previousLevel == null) {
            assertTrue(d.path("previousLevel").isNull(), d.toString());
        } else {
            assertEquals(previousLevel, d.path("previousLevel").asText(), d.toString());
        }
        assertEquals(level, d.path("level").asText(), d.toString());
    }

    private static long score(TestTenant t, String leadId) {
        return t.client().get("/api/v2/leads/" + leadId).data().path("score").asLong();
    }

    /** The flush messages on the queue once the first one's delay is over (and those due a moment later). */
    private static List<Message> await(String queueUrl) {
        List<Message> got = new ArrayList<>();
        Fixture.eventually(Duration.ofSeconds(WINDOW_SECONDS + 20), "the flush", () -> {
            got.addAll(Fixture.runtime().sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                    .maxNumberOfMessages(10)).messages());
            return !got.isEmpty();
        });
        got.addAll(Fixture.runtime().sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(3)
                .maxNumberOfMessages(10)).messages());
        return got;
    }

    private static void invoke(LocalFunction flusher, Message m) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(m.messageId());
        message.setBody(m.body());
        message.setAttributes(new HashMap<>());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        SQSBatchResponse response = (SQSBatchResponse) flusher.invoke(event);
        assertEquals(List.of(), response.getBatchItemFailures());
    }
}
