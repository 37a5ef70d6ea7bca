package dev.leadbase.it.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.composition.ChangesWiring;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed read back for replays (ChangeLog on ChangesTable): by ids and by time, as placed by the feed's writer. */
class ChangeLogTest {
    private final ChangeLog log = new ChangesWiring(FeedWriterTest.components(Fixture.runtime().dynamo())).changeLog();

    /** Events of two leads (alternating), the i-th occurring {@code i} seconds after {@code start}. */
    static List<ChangeEvent> events(String tenantId, Instant start, int count) {
        List<ChangeEvent> twoLeads = FeedWriterTest.twoLeadsEvents(tenantId, (count + 1) / 2);
        List<ChangeEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChangeEvent e = twoLeads.get(i);
            out.add(new ChangeEvent(tenantId, e.id(), e.type(), start.plusSeconds(i), e.subjectId(), e.leadId(),
                    e.ownerId(), 0, e.data()));
        }
        return out;
    }

    static Map<String, Long> place(List<ChangeEvent> events) {
        FeedWriterTest.RecordingFanout fanout = new FeedWriterTest.RecordingFanout(0);
        assertEquals(List.of(), FeedWriterTest.failed(FeedWriterTest.worker(fanout).handleRequest(
                FeedWriterTest.batch(events), null)));
        return fanout.sequences();
    }

    @Test
    void byIdsFindsThePlacedEventsOfTheTenantAndLeavesOutTheRest() {
        TestTenant tenant = Fixture.newTenant(0);
        TestTenant other = Fixture.newTenant(0);
        List<ChangeEvent> mine = events(tenant.tenantId(), Instant.now().minusSeconds(10), 6);
        List<ChangeEvent> theirs = events(other.tenantId(), Instant.now().minusSeconds(10), 1);
        Map<String, Long> sequences = place(mine);
        place(theirs);

        List<ChangeEvent> found = log.byIds(tenant.tenantId(),
                List.of(mine.get(4).id(), mine.get(1).id(), "chg_unknown", theirs.getFirst().id(), mine.get(1).id()));

        assertEquals(List.of(mine.get(1).id(), mine.get(4).id()).stream().sorted().toList(),
                found.stream().map(ChangeEvent::id).sorted().toList());
        for (ChangeEvent e : found) {
            assertEquals(sequences.get(e.id()), e.sequence(), e.toString());
            ChangeEvent sent = mine.stream().filter(m -> m.id().equals(e.id())).findFirst().orElseThrow();
            assertEquals(sent.placedAt(e.sequence()), e, "the event as it was sent, at its position");
        }
        assertEquals(List.of(), log.byIds(other.tenantId(), List.of(mine.get(1).id())), "another tenant's ids");
    }

    @Test
    void betweenFindsTheEventsThatOccurredInTheRangeInFeedOrderAtMostMax() {
        TestTenant tenant = Fixture.newTenant(0);
        Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        List<ChangeEvent> events = events(tenant.tenantId(), start, 6);
        place(events);

        List<ChangeEvent> found = log.between(tenant.tenantId(), start.plusSeconds(1), start.plusSeconds(5), 100);
        assertEquals(events.subList(1, 5).stream().map(ChangeEvent::id).sorted().toList(),
                found.stream().map(ChangeEvent::id).sorted().toList());
        for (int i = 1; i < found.size(); i++) {
            assertEquals(true, found.get(i).sequence() >= found.get(i - 1).sequence(), found.toString());
        }
        assertEquals(2, log.between(tenant.tenantId(), start, start.plusSeconds(60), 2).size());
        assertEquals(List.of(), log.between(tenant.tenantId(), start.minusSeconds(3600), start, 100));
    }
}
