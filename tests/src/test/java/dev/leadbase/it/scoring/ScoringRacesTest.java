package dev.leadbase.it.scoring;

import static dev.leadbase.it.Intercept.around;
import static dev.leadbase.it.scoring.ScoringData.lead;
import static dev.leadbase.it.scoring.ScoringData.rulesets;
import static dev.leadbase.it.scoring.ScoringData.store;
import static dev.leadbase.it.scoring.ScoringData.pageViews;
import static dev.leadbase.it.scoring.ScoringData.putLead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Scoring writers that overlap: a replay after a rule-set change and the events worker, on DynamoDB Local. The
 * overlap is made to happen at the worst moment by running one writer inside a read of the other.
 */
class ScoringRacesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anEventStoredWhileALeadIsReplayedStaysInItsScore() {
        TestTenant t = Fixture.newTenant(0);
        pageViews(t, "E", true, 5);
        Fixture.drained(WAIT, "RescoreQueue");
        String leadId = putLead(t, Map.of("email", "ada@example.com"));
        LeadScorer worker = scorer(rulesets(), store());
        AtomicBoolean interleaved = new AtomicBoolean();
        // the worker stores an event just before the replay reads the lead
        ScoreStore racing = around(ScoreStore.class, store(), (method, args) -> {
            if (method.equals("load") && interleaved.compareAndSet(false, true)) {
                worker.applyEvents(List.of(pageView(t, leadId, "pv-1")));
            }
            return null;
        });

        scorer(rulesets(), racing).rescore(t.tenantId(), leadId);

        assertTrue(interleaved.get());
        assertEquals(5, lead(t, leadId).path("score").asLong(), "the replay keeps the event stored meanwhile");
    }

    @Test
    void aReplayWhileAnEventIsAppliedButNotYetStoredWaitsForItAndCountsIt() throws Exception {
        TestTenant t = Fixture.newTenant(0);
        pageViews(t, "E", true, 5);
        Fixture.drained(WAIT, "RescoreQueue");
        String leadId = putLead(t, Map.of("email", "di@example.com"));
        AtomicReference<Thread> replay = new AtomicReference<>();
        AtomicReference<Throwable> replayFailed = new AtomicReference<>();
        // the replay has read the lead's events, and so found the event pending and not stored
        CountDownLatch replaySawIt = new CountDownLatch(1);
        ScoreStore watched = around(ScoreStore.class, store(), (method, result) -> {
            if (method.equals("events") && result != null) {
                replaySawIt.countDown();
            }
            return null;
        });
        // the worker has put the standing (the event pending) and not yet its score nor the event when the replay runs;
        // it goes on once the replay has seen that, so the replay's waiting, not a timing, decides the outcome
        ScoreStore slow = around(ScoreStore.class, store(), (method, result) -> {
            if (method.equals("writeScores") && result == null && replay.get() == null) {
                replay.set(Thread.ofVirtual().start(() -> {
                    try {
                        scorer(rulesets(), watched).rescore(t.tenantId(), leadId);
                    } catch (Throwable e) {
                        replayFailed.set(e);
                    }
                }));
                await(replaySawIt);
            }
            return null;
        });

        LeadScorer.Applied applied = scorer(rulesets(), slow).applyEvents(List.of(pageView(t, leadId, "pv-1"))).getFirst();
        replay.get().join();

        assertTrue(applied.ok(), String.valueOf(applied.failure()));
        assertEquals(null, replayFailed.get());
        assertEquals(5, lead(t, leadId).path("score").asLong(), "the replay counts the event it waited for");
        assertEquals(5, store().load(t.tenantId(), leadId).orElseThrow().states().values().iterator().next().score());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the replay did not read the events");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventsAppliedWithARuleSetListReadBeforeANewRuleSetStillCountForIt() {
        TestTenant t = Fixture.newTenant(0);
        String added = oldAndNewRulesets(t);
        String leadId = putLead(t, Map.of("email", "bob@example.com"));
        // the new rule set's re-scoring has replayed the lead (no events yet) ...
        scorer(rulesets(), store()).rescore(t.tenantId(), leadId);
        // ... and the worker read the rule sets before that rule set was created
        RulesetRepository stale = withoutAtFirst(rulesets(), added);

        scorer(stale, store()).applyEvents(List.of(pageView(t, leadId, "pv-1")));

        JsonNode stored = lead(t, leadId);
        assertEquals(5, stored.path("score").asLong());
        assertEquals(2, stored.path("engagementScores").path(added).asLong(), stored.toString());
        assertEquals("New", stored.path("rulesetNames").path(added).asText());
    }

    @Test
    void aReplayWithARuleSetListReadBeforeANewRuleSetKeepsThatRuleSetsStanding() {
        TestTenant t = Fixture.newTenant(0);
        String added = oldAndNewRulesets(t);
        String leadId = putLead(t, Map.of("email", "cy@example.com"));
        scorer(rulesets(), store()).applyEvents(List.of(pageView(t, leadId, "pv-1")));
        RulesetRepository stale = withoutAtFirst(rulesets(), added);

        scorer(stale, store()).rescore(t.tenantId(), leadId);

        JsonNode stored = lead(t, leadId);
        assertEquals(2, stored.path("engagementScores").path(added).asLong(), stored.toString());
        assertEquals(5, stored.path("score").asLong());
    }

    /** "Old" (primary, 5 a page view) then "New" (2 a page view), their re-scoring done; the id of "New". */
    private static String oldAndNewRulesets(TestTenant t) {
        pageViews(t, "Old", true, 5);
        String added = pageViews(t, "New", false, 2);
        Fixture.drained(WAIT, "RescoreQueue");
        return added;
    }

    /** {@code repository} whose first list leaves out {@code rulesetId}, as a list read before its creation would. */
    private static RulesetRepository withoutAtFirst(RulesetRepository repository, String rulesetId) {
        AtomicBoolean first = new AtomicBoolean(true);
        return around(RulesetRepository.class, repository, (method, result) -> {
            if (method.equals("list") && result != null && first.getAndSet(false)) {
                return ((List<?>) result).stream().filter(r -> !((Ruleset) r).id().equals(rulesetId)).toList();
            }
            return result;
        });
    }

    private static ScoringEvent pageView(TestTenant t, String leadId, String eventId) {
        Instant now = Instant.now();
        return new ScoringEvent(t.tenantId(), leadId, eventId, "page_view", now, Map.of(), now);
    }

    private static LeadScorer scorer(RulesetRepository rulesets, ScoreStore store) {
        return new LeadScorer(rulesets, store, new ScoringEngine(), Clock.systemUTC());
    }
}
