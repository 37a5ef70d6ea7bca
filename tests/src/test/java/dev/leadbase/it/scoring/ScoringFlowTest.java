package dev.leadbase.it.scoring;

import static dev.leadbase.it.scoring.ScoringData.createLead;
import static dev.leadbase.it.scoring.ScoringData.createRuleset;
import static dev.leadbase.it.scoring.ScoringData.lead;
import static dev.leadbase.it.scoring.ScoringData.pageViews;
import static dev.leadbase.it.scoring.ScoringData.putLead;
import static dev.leadbase.it.scoring.ScoringData.scoreVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.edge.ScoringMessages;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Scoring end to end through the local runtime: HTTP, EventsQueue, stream trigger, schedule, re-score fan-out. */
class ScoringFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void eventsRaiseEngagementScoresPerRulesetAndDuplicatesCountOnce() {
        TestTenant t = Fixture.newTenant(0);
        String standard = createRuleset(t, Map.of("name", "Engagement - Standard", "type", "engagement", "primary", true,
                "rules", List.of(Map.of("eventType", "page_view", "points", 5, "maxPerDay", 2),
                        Map.of("eventType", "demo_request", "points", 30))));
        String experimental = createRuleset(t, Map.of("name", "Engagement - Experimental", "type", "engagement",
                "rules", List.of(Map.of("eventType", "page_view", "points", 1))));
        // through the leads API: top leads of the primary rule set are the leads list by score
        String ada = createLead(t, Map.of("email", "ada@example.com"));
        String bob = createLead(t, Map.of("email", "bob@example.com"));

        ApiResponse posted = t.client().post("/api/v2/events", Map.of("events", List.of(
                event(ada, "page_view", null), event(ada, "page_view", null), event(ada, "page_view", null),
                event(ada, "demo_request", "demo-1"), event(ada, "demo_request", "demo-1"), event(bob, "page_view", null))));
        assertEquals(202, posted.status(), posted.toString());
        assertEquals(6, posted.data().path("accepted").asInt());

        Fixture.eventually(WAIT, "ada scored", () -> lead(t, ada).path("score").asLong() == 40
                && lead(t, ada).path("engagementScores").path(experimental).asLong() == 3);
        Fixture.eventually(WAIT, "bob scored", () -> lead(t, bob).path("score").asLong() == 5);
        JsonNode stored = lead(t, ada);
        assertEquals("Engagement - Standard", stored.path("engagementPrimaryRulesetName").asText());
        assertEquals("Engagement - Experimental", stored.path("rulesetNames").path(experimental).asText());
        assertEquals("warm", stored.path("level").asText());
        assertEquals(40, stored.path("engagementScores").path(standard).asLong());

        // a redelivered message (same event id) changes nothing
        var sqs = Fixture.runtime().sqs();
        String queue = Fixture.runtime().queueUrl("EventsQueue");
        // the worker writes a lead's score before it stores the events that made it: the list catches up right after
        Fixture.eventually(WAIT, "ada's events listed",
                () -> t.client().get("/api/v2/leads/" + ada + "/events?limit=10").data().path("events").size() >= 4);
        JsonNode events = t.client().get("/api/v2/leads/" + ada + "/events?limit=10").data().path("events");
        assertEquals(4, events.size(), "the duplicate eventId is stored once");
        String demoBody = "{\"tenantId\":\"" + t.tenantId() + "\",\"leadId\":\"" + ada + "\",\"eventId\":\"demo-1\","
                + "\"type\":\"demo_request\",\"occurredAt\":\"" + Instant.now() + "\",\"receivedAt\":\"" + Instant.now()
                + "\",\"properties\":{}}";
        sqs.sendMessage(m -> m.queueUrl(queue).messageBody(demoBody));
        t.client().post("/api/v2/events", Map.of("events", List.of(event(bob, "demo_request", null))));
        Fixture.eventually(WAIT, "marker applied", () -> lead(t, bob).path("score").asLong() == 35);
        Fixture.drained(WAIT, "EventsQueue");
        assertEquals(40, lead(t, ada).path("score").asLong());

        // explanations add up to the stored scores
        JsonNode score = t.client().get("/api/v2/leads/" + ada + "/score").data();
        for (JsonNode rs : score.path("rulesets")) {
            long sum = 0;
            for (JsonNode rule : rs.path("rules")) {
                sum += rule.path("contribution").asLong();
            }
            assertEquals(rs.path("total").asLong(), sum + rs.path("floorAdjustment").asLong() - rs.path("decayApplied").asLong());
            assertEquals(stored.path("engagementScores").path(rs.path("rulesetId").asText()).asLong(), rs.path("total").asLong());
        }

        // top leads follow the stored scores, for the primary and for any other rule set (through an index, which
        // DynamoDB updates a moment after the table)
        Fixture.awaitIndexes();
        JsonNode top = t.client().get("/api/v2/leads/top?limit=10").data().path("leads");
        assertEquals(ada, top.get(0).path("id").asText());
        assertEquals(bob, top.get(1).path("id").asText());
        JsonNode topExperimental = t.client().get("/api/v2/leads/top?limit=1&rulesetId=" + experimental).data().path("leads");
        assertEquals(1, topExperimental.size());
        assertEquals(ada, topExperimental.get(0).path("id").asText());
        assertEquals(3, topExperimental.get(0).path("rulesetScore").asLong());
    }

    @Test
    void aRequestSentAgainWithItsIdempotencyKeyCountsOnceEvenWhenTheFirstFailedHalfWay() {
        TestTenant t = Fixture.newTenant(0);
        pageViews(t, "Engagement", true, 5);
        Fixture.drained(WAIT, "RescoreQueue");
        String ada = putLead(t, Map.of("email", "ada@example.com"));
        Map<String, Object> body = Map.of("events", List.of(event(ada, "page_view", null), event(ada, "page_view", null)));

        ApiResponse first = t.client().post("/api/v2/events", body, "Idempotency-Key", "import-42");
        assertEquals(202, first.status(), first.toString());
        Fixture.eventually(WAIT, "events applied", () -> lead(t, ada).path("score").asLong() == 10);
        ApiResponse replayed = t.client().post("/api/v2/events", body, "Idempotency-Key", "import-42");
        assertEquals(first.data().path("eventIds"), replayed.data().path("eventIds"));

        // a first attempt that failed after queuing some events released its key: the retry runs again, and names the
        // same events, so the worker counts none of them twice
        Fixture.runtime().dynamo().deleteItem(d -> d.tableName(Fixture.runtime().tableName("IdempotencyTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(t.tenantId() + "#POST /api/v2/events#import-42"))));
        ApiResponse retried = t.client().post("/api/v2/events", body, "Idempotency-Key", "import-42");
        assertEquals(202, retried.status(), retried.toString());
        assertEquals(first.data().path("eventIds"), retried.data().path("eventIds"));
        Fixture.drained(WAIT, "EventsQueue");
        assertEquals(10, lead(t, ada).path("score").asLong());
        assertEquals(2, t.client().get("/api/v2/leads/" + ada + "/events?limit=10").data().path("events").size());

        ApiResponse other = t.client().post("/api/v2/events", body, "Idempotency-Key", "import-43");
        assertFalse(first.data().path("eventIds").equals(other.data().path("eventIds")), "another key, other events");
    }

    @Test
    void severalEventsOfOneLeadInOneBatchApplyOnceEachAndAPoisonMessageFailsAlone() {
        TestTenant t = Fixture.newTenant(0);
        createRuleset(t, Map.of("name", "Engagement", "type", "engagement", "primary", true,
                "rules", List.of(Map.of("eventType", "page_view", "points", 5, "maxPerDay", 2),
                        Map.of("eventType", "demo_request", "points", 30))));
        Fixture.drained(WAIT, "RescoreQueue");
        String ada = putLead(t, Map.of("email", "ada@example.com"));
        String bob = putLead(t, Map.of("email", "bob@example.com"));
        Instant day = Instant.parse("2026-03-02T09:00:00Z");
        List<String> first = List.of(scoringMessage(t, ada, "pv-1", "page_view", day),
                scoringMessage(t, ada, "pv-2", "page_view", day.plusSeconds(60)),
                scoringMessage(t, bob, "pv-b", "page_view", day.plusSeconds(90)),
                scoringMessage(t, ada, "demo-1", "demo_request", day.plusSeconds(120)),
                "{not json",
                scoringMessage(t, ada, "pv-3", "page_view", day.plusSeconds(180)));

        SQSBatchResponse applied = applyBatch(first);

        assertEquals(List.of("msg-4"), failedIds(applied), "only the poison message fails");
        assertEquals(40, lead(t, ada).path("score").asLong(), "5 + 5 (the third page view is over maxPerDay) + 30");
        assertEquals(5, lead(t, bob).path("score").asLong());
        assertEquals("page_view", lead(t, ada).path("lastEventType").asText());
        assertEquals(4, t.client().get("/api/v2/leads/" + ada + "/events?limit=50").data().path("events").size());

        // stored events among new ones (and a new one twice in the batch) count once each
        SQSBatchResponse mixed = applyBatch(List.of(scoringMessage(t, ada, "demo-1", "demo_request", day.plusSeconds(120)),
                scoringMessage(t, ada, "demo-2", "demo_request", day.plusSeconds(240)),
                scoringMessage(t, ada, "demo-2", "demo_request", day.plusSeconds(240)),
                scoringMessage(t, bob, "pv-b", "page_view", day.plusSeconds(90))));

        assertEquals(List.of(), failedIds(mixed));
        assertEquals(70, lead(t, ada).path("score").asLong());
        assertEquals(5, lead(t, bob).path("score").asLong());
        assertEquals("demo_request", lead(t, ada).path("lastEventType").asText());
        assertEquals(5, t.client().get("/api/v2/leads/" + ada + "/events?limit=50").data().path("events").size());

        // the first batch redelivered whole changes nothing
        long adaVersion = scoreVersion(t, ada);
        long bobVersion = scoreVersion(t, bob);
        assertEquals(List.of("msg-4"), failedIds(applyBatch(first)));
        assertEquals(70, lead(t, ada).path("score").asLong());
        assertEquals(adaVersion, scoreVersion(t, ada));
        assertEquals(bobVersion, scoreVersion(t, bob));
    }

    @Test
    void eventsForUnknownLeadsAreListedByIndexAndNothingIsQueued() {
        TestTenant t = Fixture.newTenant(0);
        String ada = putLead(t, Map.of("email", "ada@example.com"));
        ApiResponse r = t.client().post("/api/v2/events", Map.of("events", List.of(
                event(ada, "page_view", null), event("lead_missing", "page_view", null), Map.of("leadId", ada))));
        assertEquals(400, r.status());
        assertTrue(r.body().path("details").path("invalidFields").has("events[2].type"), r.toString());
        ApiResponse unknown = t.client().post("/api/v2/events", Map.of("events", List.of(
                event(ada, "page_view", null), event("lead_missing", "page_view", null))));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().path("details").path("invalidFields").has("events[1].leadId"), unknown.toString());
    }

    @Test
    void outOfOrderEventsKeepTheNewestAsLastEvent() {
        TestTenant t = Fixture.newTenant(0);
        createRuleset(t, Map.of("name", "E", "type", "engagement", "rules",
                List.of(Map.of("eventType", "email_open", "points", 2), Map.of("eventType", "page_view", "points", 1))));
        String lead = putLead(t, Map.of("email", "x@example.com"));
        Instant newer = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant older = newer.minus(2, ChronoUnit.DAYS);
        t.client().post("/api/v2/events", Map.of("events", List.of(eventAt(lead, "email_open", newer))));
        Fixture.eventually(WAIT, "first event", () -> lead(t, lead).path("score").asLong() == 2);
        t.client().post("/api/v2/events", Map.of("events", List.of(eventAt(lead, "page_view", older))));
        Fixture.eventually(WAIT, "second event", () -> lead(t, lead).path("score").asLong() == 3);
        // the worker writes a lead's score before it stores the events that made it: the list catches up right after
        Fixture.eventually(WAIT, "second event listed",
                () -> t.client().get("/api/v2/leads/" + lead + "/events").data().path("events").size() == 2);
        JsonNode stored = lead(t, lead);
        assertEquals(newer, Instant.parse(stored.path("lastEventAt").asText()));
        assertEquals("email_open", stored.path("lastEventType").asText());
        JsonNode events = t.client().get("/api/v2/leads/" + lead + "/events?limit=1").data();
        assertEquals("email_open", events.path("events").get(0).path("type").asText());
        JsonNode next = t.client().get("/api/v2/leads/" + lead + "/events?limit=1&cursor=" + events.path("nextCursor").asText()).data();
        assertEquals("page_view", next.path("events").get(0).path("type").asText());
    }

    @Test
    void aLeadEditRescoresItsProfileOnceAndTheTriggerDoesNotLoop() {
        TestTenant t = Fixture.newTenant(0);
        String fit = createRuleset(t, Map.of("name", "Profile - Fit A", "type", "profile", "rules", List.of(
                Map.of("field", "title", "operator", "contains", "value", List.of("ceo", "cto", "vp", "director"), "points", 10),
                Map.of("field", "emailFreeMail", "operator", "equals", "value", false, "points", 5),
                Map.of("field", "customFields.employeeCount", "operator", "in", "value", List.of("201-1000", "1000+"), "points", 4))));
        String lead = putLead(t, Map.of("email", "ceo@acme.io", "title", "Sales Manager"));
        Fixture.eventually(WAIT, "profile scored on create", () -> lead(t, lead).path("profileScores").path(fit).asLong() == 5);

        updateLead(t, lead, "title", AttributeValue.fromS("VP of Sales"));
        Fixture.eventually(WAIT, "profile re-scored on edit", () -> lead(t, lead).path("profileScores").path(fit).asLong() == 15);
        long version = scoreVersion(t, lead);
        // an edit of a field no rule reads is looked at but not written: the score version stays put
        updateLead(t, lead, "notes", AttributeValue.fromS("met at a fair"));
        updateLead(t, lead, "title", AttributeValue.fromS("VP Sales"));
        assertEquals(15, lead(t, lead).path("profileScores").path(fit).asLong());
        assertEquals("Profile - Fit A", lead(t, lead).path("profilePrimaryRulesetName").asText());
        // the stream trigger takes a lead's changes in order: once this one shows, the two above have been seen
        updateLead(t, lead, "title", AttributeValue.fromS("Sales Manager"));
        Fixture.eventually(WAIT, "profile re-scored again", () -> lead(t, lead).path("profileScores").path(fit).asLong() == 5);
        assertEquals(version + 1, scoreVersion(t, lead), "no write when the profile score is unchanged");

        JsonNode test = t.client().post("/api/v2/scoring/rulesets/" + fit + "/test",
                Map.of("lead", Map.of("title", "CTO", "email", "a@gmail.com", "customFields", Map.of("employeeCount", "1000+")))).data();
        assertEquals(14, test.path("total").asLong());
    }

    @Test
    void decayLowersScoresOnTheScheduleAndFloorsAtZero() {
        TestTenant t = Fixture.newTenant(0);
        String linear = createRuleset(t, Map.of("name", "Linear", "type", "engagement", "primary", true,
                "decay", Map.of("points", 5, "intervalDays", 1),
                "rules", List.of(Map.of("eventType", "webinar", "points", 10))));
        String halfLife = createRuleset(t, Map.of("name", "Half-life", "type", "engagement",
                "decay", Map.of("halfLifeDays", 1), "rules", List.of(Map.of("eventType", "webinar", "points", 20))));
        // the re-scoring the new rule sets start would replay the event and decay it at once: let it finish first
        Fixture.drained(WAIT, "RescoreQueue");
        String lead = putLead(t, Map.of("email", "d@example.com"));
        Instant twoDaysAgo = Instant.now().minus(Duration.ofHours(49));
        t.client().post("/api/v2/events", Map.of("events", List.of(eventAt(lead, "webinar", twoDaysAgo))));
        Fixture.eventually(WAIT, "event applied", () -> lead(t, lead).path("score").asLong() == 10);
        // the run finds decaying scores through an index, which DynamoDB updates a moment after the table
        Fixture.awaitIndexes();

        Fixture.runtime().fireSchedule("DecayFunction");
        JsonNode stored = lead(t, lead);
        assertEquals(5, stored.path("engagementScores").path(halfLife).asLong());
        assertEquals(0, stored.path("engagementScores").path(linear).asLong(), "10 - 2×5 floors at 0");
        assertEquals(0, stored.path("score").asLong());
        JsonNode explained = t.client().get("/api/v2/leads/" + lead + "/score").data().path("rulesets");
        for (JsonNode rs : explained) {
            long expectedDecay = rs.path("rulesetId").asText().equals(linear) ? 10 : 15;
            assertEquals(expectedDecay, rs.path("decayApplied").asLong());
        }
        long version = scoreVersion(t, lead);
        Fixture.runtime().fireSchedule("DecayFunction");
        assertEquals(version, scoreVersion(t, lead), "a second run changes and rewrites nothing");
    }

    @Test
    void ruleSetChangesRescoreEveryLead() {
        TestTenant t = Fixture.newTenant(0);
        String rs = createRuleset(t, Map.of("name", "E", "type", "engagement", "rules",
                List.of(Map.of("eventType", "page_view", "points", 1))));
        List<String> leads = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            leads.add(putLead(t, Map.of("email", "l" + i + "@example.com")));
        }
        t.client().post("/api/v2/events", Map.of("events", leads.stream().map(l -> event(l, "page_view", null)).toList()));
        Fixture.eventually(WAIT, "events applied", () -> leads.stream().allMatch(l -> lead(t, l).path("score").asLong() == 1));

        ApiResponse changed = t.client().put("/api/v2/scoring/rulesets/" + rs, Map.of("name", "E", "type", "engagement",
                "rules", List.of(Map.of("eventType", "page_view", "points", 7))));
        assertEquals(200, changed.status(), changed.toString());
        Fixture.eventually(WAIT, "every lead re-scored", () -> leads.stream().allMatch(l -> lead(t, l).path("score").asLong() == 7));

        String other = createRuleset(t, Map.of("name", "Other", "type", "engagement", "rules",
                List.of(Map.of("eventType", "page_view", "points", 2))));
        Fixture.eventually(WAIT, "new rule set scored", () -> leads.stream()
                .allMatch(l -> lead(t, l).path("engagementScores").path(other).asLong() == 2));
        assertEquals(204, t.client().delete("/api/v2/scoring/rulesets/" + other).status());
        Fixture.eventually(WAIT, "deleted rule set gone", () -> leads.stream()
                .noneMatch(l -> lead(t, l).path("engagementScores").has(other)));
    }

    @Test
    void atMostOnePrimaryPerTypeAndBadRulesListedTogether() {
        TestTenant t = Fixture.newTenant(0);
        String first = createRuleset(t, Map.of("name", "A", "type", "engagement", "rules", List.of()));
        assertTrue(t.client().get("/api/v2/scoring/rulesets/" + first).data().path("primary").asBoolean(), "first is primary");
        ApiResponse second = t.client().post("/api/v2/scoring/rulesets", Map.of("name", "B", "type", "engagement",
                "primary", true, "rules", List.of()));
        assertEquals(409, second.status());
        assertEquals(first, second.body().path("details").path("existingId").asText());
        ApiResponse bad = t.client().post("/api/v2/scoring/rulesets", Map.of("name", "C", "type", "profile",
                "rules", List.of(Map.of("field", "title", "operator", "like", "value", "x", "points", 1),
                        Map.of("field", "size", "operator", "gte", "value", "big", "points", 1))));
        assertEquals(400, bad.status());
        JsonNode fields = bad.body().path("details").path("invalidFields");
        assertTrue(fields.has("rules[0].operator") && fields.has("rules[1].value"), bad.toString());
        assertFalse(t.client().get("/api/v2/scoring/rulesets").data().path("rulesets").size() > 1);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> event(String leadId, String type, String eventId) {
        Map<String, Object> e = new HashMap<>(Map.of("leadId", leadId, "type", type));
        if (eventId != null) {
            e.put("eventId", eventId);
        }
        return e;
    }

    private static Map<String, Object> eventAt(String leadId, String type, Instant at) {
        return Map.of("leadId", leadId, "type", type, "occurredAt", at.toString());
    }

    /** An EventsQueue message body, as the events API queues it. */
    private static String scoringMessage(TestTenant t, String leadId, String eventId, String type, Instant at) {
        return ScoringMessages.event(new ScoringEvent(t.tenantId(), leadId, eventId, type, at, Map.of(), at));
    }

    /** Hands {@code bodies} to the events worker as one SQS batch, messages named msg-0, msg-1, ... */
    private static SQSBatchResponse applyBatch(List<String> bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("msg-" + i);
            record.setBody(bodies.get(i));
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return (SQSBatchResponse) Fixture.runtime().invoke("EventsWorker", event);
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static void updateLead(TestTenant t, String leadId, String field, AttributeValue value) {
        Fixture.runtime().dynamo().updateItem(u -> u.tableName(Fixture.runtime().tableName("LeadItemsTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(t.tenantId()), "leadId", AttributeValue.fromS(leadId)))
                .updateExpression("SET #f = :v").expressionAttributeNames(Map.of("#f", field))
                .expressionAttributeValues(Map.of(":v", value)));
    }
}
