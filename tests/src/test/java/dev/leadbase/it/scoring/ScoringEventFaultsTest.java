package dev.leadbase.it.scoring;

import static dev.leadbase.it.Intercept.around;
import static dev.leadbase.it.scoring.ScoringData.lead;
import static dev.leadbase.it.scoring.ScoringData.rulesets;
import static dev.leadbase.it.scoring.ScoringData.store;
import static dev.leadbase.it.scoring.ScoringData.pageViews;
import static dev.leadbase.it.scoring.ScoringData.putLead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The events worker applies an event without a transaction, one item at a time: a worker that dies between two of its
 * writes, a message delivered again, and workers running at once on one lead still count each event once, on
 * DynamoDB Local. A worker dies by a store that throws at one call (after the write, or before it).
 */
class ScoringEventFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aWorkerThatDiesAfterItsFirstStandingPutCountsTheEventOnceWhenTheMessageComesAgain() {
        diesThenTheMessageComesAgain("putStanding", true);
    }

    @Test
    void aWorkerThatDiesBeforeStoringTheEventCountsItOnceWhenTheMessageComesAgain() {
        diesThenTheMessageComesAgain("storeEvents", false);
    }

    @Test
    void aWorkerThatDiesBeforeWritingTheScoreLeavesTheScoreRightWhenTheMessageComesAgain() {
        diesThenTheMessageComesAgain("writeScores", false);
    }

    /** Two engagement rule sets; the worker dies at the first call of {@code step} (after it, or before); then again. */
    private void diesThenTheMessageComesAgain(String step, boolean afterTheCall) {
        TestTenant t = Fixture.newTenant(0);
        String main = pageViews(t, "Main", true, 5);
        String other = pageViews(t, "Other", false, 2);
        Fixture.drained(WAIT, "RescoreQueue");
        String leadId = putLead(t, Map.of("email", "ada@example.com"));
        ScoringEvent earlier = pageView(t, leadId, "pv-0", Instant.now().minus(1, ChronoUnit.HOURS));
        scorer(store()).applyEvents(List.of(earlier));
        ScoringEvent event = pageView(t, leadId, "pv-1", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        AtomicInteger calls = new AtomicInteger();
        ScoreStore dying = around(ScoreStore.class, store(), (method, result) -> {
            if (method.equals(step) && (result == null) != afterTheCall && calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the worker dies at " + step);
            }
            return null;
        });

        LeadScorer.Applied died = scorer(dying).applyEvents(List.of(event)).getFirst();
        LeadScorer.Applied again = scorer(store()).applyEvents(List.of(event)).getFirst();

        assertFalse(died.ok(), "the first delivery failed, so its message comes again");
        assertTrue(again.ok(), String.valueOf(again.failure()));
        JsonNode stored = lead(t, leadId);
        assertEquals(10, stored.path("score").asLong(), stored.toString());
        assertEquals(4, stored.path("engagementScores").path(other).asLong(), stored.toString());
        assertEquals(10, stored.path("engagementScores").path(main).asLong(), stored.toString());
        assertEquals(event.occurredAt().toString(), Instant.parse(stored.path("lastEventAt").asText()).toString());
        assertEquals(2, store().events(t.tenantId(), leadId).size(), "each event stored once");
        var standings = store().load(t.tenantId(), leadId).orElseThrow();
        assertEquals(4, standings.states().get(other).score());
        assertEquals(10, standings.states().get(main).score());
        // sent once more after all that: nothing changes
        assertEquals(LeadScorer.Outcome.DUPLICATE, scorer(store()).applyEvents(List.of(event)).getFirst().outcome());
        assertEquals(10, lead(t, leadId).path("score").asLong());
    }

    @Test
    void aDuplicateSentAfterCompletionChangesNothing() {
        TestTenant t = Fixture.newTenant(0);
        pageViews(t, "Main", true, 5);
        Fixture.drained(WAIT, "RescoreQueue");
        String leadId = putLead(t, Map.of("email", "bob@example.com"));
        ScoringEvent event = pageView(t, leadId, "pv-1", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        scorer(store()).applyEvents(List.of(event));
        JsonNode before = lead(t, leadId);

        LeadScorer.Applied again = scorer(store()).applyEvents(List.of(pageView(t, leadId, "pv-1",
                event.occurredAt().plusSeconds(60)))).getFirst();

        assertEquals(LeadScorer.Outcome.DUPLICATE, again.outcome());
        JsonNode after = lead(t, leadId);
        for (String field : List.of("score", "level", "engagementScores", "rulesetNames", "lastEventAt", "lastEventType")) {
            assertEquals(before.path(field), after.path(field), field);
        }
        assertEquals(1, store().events(t.tenantId(), leadId).size());
    }

    @Test
    void manyEventsOnOneLeadFromSeveralWorkersAtOnceAllCountOnce() throws Exception {
        TestTenant t = Fixture.newTenant(0);
        String main = pageViews(t, "Main", true, 5);
        String other = pageViews(t, "Other", false, 2);
        Fixture.drained(WAIT, "RescoreQueue");
        String leadId = putLead(t, Map.of("email", "cy@example.com"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        List<ScoringEvent> events = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            events.add(pageView(t, leadId, "pv-" + i, start.plusSeconds(i)));
        }
        int workers = 4;
        // each event is sent twice, to two workers (a message delivered twice at once), each worker in its own order
        List<List<ScoringEvent>> work = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<ScoringEvent> mine = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (i % workers == w || (i + 1) % workers == w) {
                    mine.add(events.get(i));
                }
            }
            Collections.shuffle(mine);
            work.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<LeadScorer.Applied>>> done = new ArrayList<>();
        for (List<ScoringEvent> mine : work) {
            done.add(pool.submit(() -> {
                go.await();
                List<LeadScorer.Applied> out = new ArrayList<>();
                for (ScoringEvent e : mine) {
                    out.addAll(scorer(store()).applyEvents(List.of(e)));
                }
                return out;
            }));
        }
        go.countDown();
        for (Future<List<LeadScorer.Applied>> f : done) {
            for (LeadScorer.Applied a : f.get()) {
                assertTrue(a.ok(), String.valueOf(a.failure()));
            }
        }
        pool.shutdown();

        JsonNode stored = lead(t, leadId);
        assertEquals(5L * events.size(), stored.path("score").asLong(), stored.toString());
        assertEquals(2L * events.size(), stored.path("engagementScores").path(other).asLong(), stored.toString());
        assertEquals(5L * events.size(), stored.path("engagementScores").path(main).asLong(), stored.toString());
        assertEquals(events.getLast().occurredAt(), Instant.parse(stored.path("lastEventAt").asText()));
        assertEquals(events.size(), store().events(t.tenantId(), leadId).size());
        Fixture.awaitIndexes();
        var top = store().top(t.tenantId(), other, null, 1).items();
        assertEquals(leadId, top.getFirst().leadId());
        assertEquals(2L * events.size(), top.getFirst().score());
    }

    private static ScoringEvent pageView(TestTenant t, String leadId, String eventId, Instant at) {
        return new ScoringEvent(t.tenantId(), leadId, eventId, "page_view", at, Map.of(), Instant.now());
    }

    private static LeadScorer scorer(ScoreStore store) {
        return new LeadScorer(rulesets(), store, new ScoringEngine(), Clock.systemUTC());
    }
}
