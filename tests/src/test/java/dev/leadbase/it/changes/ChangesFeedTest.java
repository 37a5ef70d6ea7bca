package dev.leadbase.it.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.changes.store.QueueChangeSink;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code GET /api/v2/changes} over the real pipeline: events published on ChangesQueue (FIFO) through the real sink,
 * placed by the template's ChangesWorker under the local runtime's poller, read through the HTTP API.
 */
class ChangesFeedTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicLong COUNTER = new AtomicLong();

    static String unique() {
        return Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
    }

    static void publish(List<ChangeEvent> events) {
        new QueueChangeSink(Fixture.runtime().sqs(), Fixture.runtime().queueUrl("ChangesQueue")).publish(events);
    }

    static ChangeEvent leadEvent(String tenantId, String leadId, String ownerId, ChangeType type, int n) {
        return new ChangeEvent(tenantId, "chg_" + unique(), type, Instant.now(), leadId, leadId, ownerId, 0,
                Map.of("n", n, "lead", Map.of("id", leadId)));
    }

    static ChangeEvent companyEvent(String tenantId, String companyId) {
        return new ChangeEvent(tenantId, "chg_" + unique(), ChangeType.COMPANY_CREATED, Instant.now(), companyId, null,
                null, 0, Map.of("company", Map.of("id", companyId)));
    }

    /** One page's answer. */
    record Page(int status, List<JsonNode> events, String cursor, boolean more, ApiResponse response) {
    }

    static Page page(ApiClient client, String cursor, String query) {
        StringBuilder q = new StringBuilder("/api/v2/changes?");
        q.append(query == null ? "" : query);
        if (cursor != null) {
            q.append(q.charAt(q.length() - 1) == '?' ? "" : "&").append("cursor=").append(cursor);
        }
        ApiResponse r = client.get(q.toString());
        if (r.status() != 200) {
            return new Page(r.status(), List.of(), null, false, r);
        }
        List<JsonNode> events = new ArrayList<>();
        r.data().path("events").forEach(events::add);
        JsonNode pagination = r.data().path("pagination");
        return new Page(200, events, pagination.path("nextCursor").asText(null), pagination.path("hasNextPage").asBoolean(), r);
    }

    /** Reads on from {@code cursor} until a page says nothing more was there; the events and the last cursor. */
    static Page readOn(ApiClient client, String cursor, String query) {
        List<JsonNode> all = new ArrayList<>();
        Page p;
        do {
            p = page(client, cursor, query);
            assertEquals(200, p.status(), () -> "reading the feed: " + page(client, null, query).response());
            assertNotNull(p.cursor(), "every page carries a cursor");
            all.addAll(p.events());
            cursor = p.cursor();
        } while (p.more());
        return new Page(200, all, cursor, false, p.response());
    }

    /** Waits until the feed, read from the start with {@code query}, holds every id of {@code ids}; its events. */
    static List<JsonNode> awaitAll(ApiClient client, String query, Set<String> ids) {
        List<JsonNode> seen = new ArrayList<>();
        Fixture.eventually(WAIT, ids.size() + " events in the feed", () -> {
            seen.clear();
            seen.addAll(readOn(client, null, query).events());
            return ids(seen).containsAll(ids);
        });
        return seen;
    }

    static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("id").asText()).toList();
    }

    static Set<String> idsOf(List<ChangeEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.id()));
        return ids;
    }

    // ---------------------------------------------------------------- reading in a loop

    @Test
    void aReaderLoopingWithItsCursorWhileEventsAreWrittenSeesEachEventOnceInEachLeadsOrder() throws Exception {
        TestTenant tenant = Fixture.newTenant(0);
        String tag = unique();
        int leads = 18;
        int steps = 8;
        List<String> leadIds = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; i < leads; i++) {
            leadIds.add("lead_" + tag + "x" + i);
            partitions.add(FeedPartition.of(tenant.tenantId(), leadIds.getLast()).index());
        }
        assertTrue(partitions.size() >= 5, "the leads spread over the partitions: " + partitions);

        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        CountDownLatch writersDone = new CountDownLatch(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    try {
                        for (int n = 1; n <= steps; n++) {
                            List<ChangeEvent> batch = new ArrayList<>();
                            for (int i = writer; i < leads; i += 3) {
                                batch.add(leadEvent(tenant.tenantId(), leadIds.get(i), null, ChangeType.LEAD_UPDATED, n));
                            }
                            publish(batch);
                            batch.forEach(e -> written.add(e.id()));
                            Thread.sleep(40);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        writersDone.countDown();
                    }
                    return null;
                }));
            }

            // the reader: small pages, the cursor stored between reads, polling while the writers write
            List<JsonNode> read = new ArrayList<>();
            String cursor = null;
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline)) {
                Page p = page(tenant.client(), cursor, "limit=7");
                assertEquals(200, p.status(), () -> String.valueOf(p.response()));
                read.addAll(p.events());
                cursor = p.cursor();
                if (!p.more() && writersDone.getCount() == 0 && read.size() >= leads * steps) {
                    break;
                }
                if (!p.more()) {
                    Thread.sleep(30);
                }
            }
            for (Future<?> f : writers) {
                f.get(10, TimeUnit.SECONDS);
            }
            // one more read after everything was written: nothing new, nothing again
            Page last = readOn(tenant.client(), cursor, "limit=7");
            read.addAll(last.events());

            List<String> ids = ids(read);
            assertEquals(new HashSet<>(ids).size(), ids.size(), "no event is seen twice");
            assertEquals(new HashSet<>(written), new HashSet<>(ids), "every event written is seen");
            Map<String, List<Integer>> steppedByLead = new LinkedHashMap<>();
            Map<String, Long> lastSequence = new HashMap<>();
            for (JsonNode e : read) {
                String lead = e.path("data").path("lead").path("id").asText();
                steppedByLead.computeIfAbsent(lead, l -> new ArrayList<>()).add(e.path("data").path("n").asInt());
                long sequence = e.path("sequence").asLong();
                assertTrue(sequence > lastSequence.getOrDefault(lead, 0L), "a lead's sequence only grows: " + e);
                lastSequence.put(lead, sequence);
            }
            List<Integer> inOrder = new ArrayList<>();
            for (int n = 1; n <= steps; n++) {
                inOrder.add(n);
            }
            steppedByLead.forEach((lead, seen) -> assertEquals(inOrder, seen, "the events of " + lead + " in order"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptyPageStillCarriesTheCursorAndPollingWithItFindsWhatCameSince() {
        TestTenant tenant = Fixture.newTenant(0);
        Page empty = page(tenant.client(), null, null);
        assertEquals(200, empty.status(), () -> String.valueOf(empty.response()));
        assertEquals(List.of(), empty.events());
        assertFalse(empty.more());
        assertNotNull(empty.cursor(), "the cursor comes with an empty page: " + empty.response());

        ChangeEvent created = leadEvent(tenant.tenantId(), "lead_" + unique(), null, ChangeType.LEAD_CREATED, 1);
        publish(List.of(created));
        List<JsonNode> polled = new ArrayList<>();
        Fixture.eventually(WAIT, "the event to show up after the stored cursor", () -> {
            polled.addAll(page(tenant.client(), empty.cursor(), null).events());
            return !polled.isEmpty();
        });
        assertEquals(List.of(created.id()), ids(polled));
        JsonNode e = polled.getFirst();
        assertEquals("lead.created", e.path("type").asText());
        assertEquals(created.occurredAt(), Instant.parse(e.path("occurredAt").asText()));
        assertTrue(e.path("sequence").asLong() > 0, e.toString());
        assertEquals(1, e.path("data").path("n").asInt(), e.toString());
    }

    // ---------------------------------------------------------------- filters, limits, cursors

    @Test
    void typesKeepOnlyThoseTypesAndAnUnknownTypeIsRefused() {
        TestTenant tenant = Fixture.newTenant(0);
        String lead = "lead_" + unique();
        List<ChangeEvent> events = List.of(
                leadEvent(tenant.tenantId(), lead, null, ChangeType.LEAD_CREATED, 1),
                leadEvent(tenant.tenantId(), lead, null, ChangeType.LEAD_UPDATED, 2),
                leadEvent(tenant.tenantId(), lead, null, ChangeType.LEAD_DELETED, 3),
                companyEvent(tenant.tenantId(), "cmp_" + unique()));
        publish(events);
        awaitAll(tenant.client(), null, idsOf(events));

        Page chosen = readOn(tenant.client(), null, "types=lead.created,lead.deleted");
        assertEquals(List.of(events.get(0).id(), events.get(2).id()), ids(chosen.events()));
        Page companies = readOn(tenant.client(), null, "types=company.created");
        assertEquals(List.of(events.get(3).id()), ids(companies.events()));

        ApiResponse unknown = tenant.client().get("/api/v2/changes?types=lead.created,lead.exploded");
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals("VALIDATION_ERROR", unknown.body().path("code").asText(), unknown.toString());
        assertTrue(unknown.body().path("details").path("invalidParams").has("types"), unknown.toString());

        // a cursor is bound to its types
        ApiResponse otherTypes = tenant.client().get("/api/v2/changes?types=lead.updated&cursor=" + chosen.cursor());
        assertEquals(400, otherTypes.status(), otherTypes.toString());
        assertTrue(otherTypes.body().path("details").path("invalidParams").has("cursor"), otherTypes.toString());
    }

    @Test
    void limitIsOneToAHundredAndFiftyByDefault() {
        TestTenant tenant = Fixture.newTenant(0);
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            events.add(leadEvent(tenant.tenantId(), "lead_" + unique(), null, ChangeType.LEAD_CREATED, i));
        }
        publish(events);
        awaitAll(tenant.client(), null, idsOf(events));

        Page byDefault = page(tenant.client(), null, null);
        assertEquals(50, byDefault.events().size());
        assertTrue(byDefault.more());
        assertEquals(50, byDefault.response().data().path("pagination").path("limit").asInt());
        Page rest = page(tenant.client(), byDefault.cursor(), "limit=100");
        assertEquals(5, rest.events().size());
        assertFalse(rest.more());
        assertEquals(idsOf(events), new HashSet<>(ids(concat(byDefault.events(), rest.events()))));
        assertEquals(1, page(tenant.client(), null, "limit=1").events().size());

        for (String bad : List.of("0", "101", "-1", "abc")) {
            ApiResponse r = tenant.client().get("/api/v2/changes?limit=" + bad);
            assertEquals(400, r.status(), r.toString());
            assertTrue(r.body().path("details").path("invalidParams").has("limit"), r.toString());
        }
    }

    @Test
    void aTamperedCursorOrOneOfAnotherTenantIsRefused() {
        TestTenant tenant = Fixture.newTenant(0);
        TestTenant other = Fixture.newTenant(0);
        String cursor = page(tenant.client(), null, null).cursor();
        int dot = cursor.indexOf('.');
        char flipped = cursor.charAt(dot - 1) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, dot - 1) + flipped + cursor.substring(dot);
        for (ApiResponse r : List.of(tenant.client().get("/api/v2/changes?cursor=" + tampered),
                tenant.client().get("/api/v2/changes?cursor=" + cursor + "x"),
                other.client().get("/api/v2/changes?cursor=" + cursor))) {
            assertEquals(400, r.status(), r.toString());
            assertTrue(r.body().path("details").path("invalidParams").has("cursor"), r.toString());
        }
    }

    // ---------------------------------------------------------------- who sees what

    @Test
    void anOwnKeySeesOnlyItsOwnLeadsEventsAndAnotherTenantSeesNone() {
        TestTenant tenant = Fixture.newTenant(0);
        TestTenant ownA = Fixture.withKey(tenant.tenantId(), "user_a", "own", "leads:read");
        TestTenant ownB = Fixture.withKey(tenant.tenantId(), "user_b", "own", "leads:read");
        TestTenant stranger = Fixture.newTenant(0);
        ChangeEvent ofA = leadEvent(tenant.tenantId(), "lead_" + unique(), "user_a", ChangeType.LEAD_CREATED, 1);
        ChangeEvent ofB = leadEvent(tenant.tenantId(), "lead_" + unique(), "user_b", ChangeType.LEAD_CREATED, 2);
        ChangeEvent ofNoOne = leadEvent(tenant.tenantId(), "lead_" + unique(), null, ChangeType.LEAD_CREATED, 3);
        ChangeEvent company = companyEvent(tenant.tenantId(), "cmp_" + unique());
        List<ChangeEvent> events = List.of(ofA, ofB, ofNoOne, company);
        publish(events);
        assertEquals(idsOf(events), new HashSet<>(ids(awaitAll(tenant.client(), null, idsOf(events)))));

        assertEquals(List.of(ofA.id()), ids(readOn(ownA.client(), null, null).events()));
        assertEquals(List.of(ofB.id()), ids(readOn(ownB.client(), null, null).events()));
        assertEquals(List.of(), readOn(stranger.client(), null, null).events());
        // an own key's cursor is its own
        String cursorOfA = page(ownA.client(), null, null).cursor();
        ApiResponse borrowed = ownB.client().get("/api/v2/changes?cursor=" + cursorOfA);
        assertEquals(400, borrowed.status(), borrowed.toString());
    }

    @Test
    void readingTheFeedNeedsLeadsRead() {
        TestTenant tenant = Fixture.newTenant(0, "leads:write");
        ApiResponse r = tenant.client().get("/api/v2/changes");
        assertEquals(403, r.status(), r.toString());
        assertEquals("PERMISSION_DENIED", r.body().path("code").asText(), r.toString());
    }

    // ---------------------------------------------------------------- poison and retention

    @Test
    void anUnreadableMessageIsKeptInTheDlqAtOnceAndItsPartitionGoesOn() {
        TestTenant tenant = Fixture.newTenant(0);
        String lead = "lead_" + unique();
        String group = FeedPartition.of(tenant.tenantId(), lead).key();
        String poison = "{not json " + unique();
        Fixture.runtime().sqs().sendMessage(m -> m.queueUrl(Fixture.runtime().queueUrl("ChangesQueue"))
                .messageBody(poison).messageGroupId(group).messageDeduplicationId("poison" + unique()));
        ChangeEvent after = leadEvent(tenant.tenantId(), lead, null, ChangeType.LEAD_UPDATED, 1);
        publish(List.of(after));

        // far sooner than the poison's 10 receives of 90 s each would let the partition go on
        Fixture.eventually(Duration.ofSeconds(20), "the event behind the poison in the feed",
                () -> ids(readOn(tenant.client(), null, null).events()).contains(after.id()));
        String dlq = Fixture.runtime().queueUrl("ChangesDLQ");
        List<String> parked = new ArrayList<>();
        Fixture.eventually(WAIT, "the poison in ChangesDLQ", () -> {
            for (Message m : Fixture.runtime().sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).messages()) {
                parked.add(m.body());
            }
            return parked.contains(poison);
        });
    }

    @Test
    void everyPlacedEventExpiresThirtyDaysAfterPlacing() {
        TestTenant tenant = Fixture.newTenant(0);
        ChangeEvent e = leadEvent(tenant.tenantId(), "lead_" + unique(), null, ChangeType.LEAD_CREATED, 1);
        publish(List.of(e));
        awaitAll(tenant.client(), null, Set.of(e.id()));
        List<Map<String, AttributeValue>> items = Fixture.runtime().dynamo().query(q -> q
                .tableName(Fixture.runtime().tableName("ChangesTable")).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(e.partition().key())))).items();
        assertEquals(1, items.size(), items.toString());
        long expiresAt = Long.parseLong(items.getFirst().get("expiresAt").n());
        long expected = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
        assertTrue(Math.abs(expiresAt - expected) < 120, "expiresAt " + expiresAt + ", expected about " + expected);
        assertEquals(e.id(), items.getFirst().get("id").s());
    }

    static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
