package dev.leadbase.it.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v2/webhooks/{id}/deliveries} and {@code POST /api/v2/webhooks/{id}/replay} through the HTTP doorway
 * (real API keys of the local runtime), over a delivery rig and a feed held in a list.
 */
class WebhookDeliveryRoutesTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String DELIVERIES = "/api/v2/webhooks/{id}/deliveries";
    private static final String REPLAY = "/api/v2/webhooks/{id}/replay";
    private static DeliveryRig rig;
    private static Receiver receiver;
    private static final ListChangeLog FEED = new ListChangeLog();
    private static HttpRoutes routes;
    private static TestTenant tenant;
    private static TestTenant other;

    @BeforeAll
    static void start() {
        Fixture.runtime();
        rig = new DeliveryRig();
        receiver = new Receiver();
        routes = rig.routes(FEED);
        tenant = Fixture.newTenant(0);
        other = Fixture.newTenant(0);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        rig.close();
    }

    private static RoutesCall.Answer get(TestTenant t, String id, Map<String, String> query) {
        return RoutesCall.call(routes, t.apiKey(), "GET", DELIVERIES, id, query, null);
    }

    private static RoutesCall.Answer replay(String apiKey, String id, Object body) {
        return RoutesCall.call(routes, apiKey, "POST", REPLAY, id, Map.of(), body);
    }

    private static ChangeEvent event(String leadId, long sequence, ChangeType type, Instant at) {
        return new ChangeEvent(tenant.tenantId(), "evt_" + leadId + "_" + sequence + "_" + at.toEpochMilli(), type, at,
                leadId, leadId, null, sequence, Map.of("lead", Map.of("id", leadId)));
    }

    @Test
    void theLogListsAttemptsNewestFirstFiltersByStatusAndPagesWithACursor() {
        String url = receiver.endpoint("logged", (r, n) -> Receiver.Answer.status(n < 2 ? 500 : 200));
        Subscription s = rig.directory.add(tenant.tenantId(), url, "whsec_l", ChangeType.LEAD_CREATED);
        rig.fanout().fanOut(List.of(event("lead_logged", 1, ChangeType.LEAD_CREATED, Instant.now())));
        rig.logOf(s, 3, WAIT);
        Fixture.awaitStaleReads();

        RoutesCall.Answer failed = get(tenant, s.id(), Map.of("status", "failed"));
        assertEquals(200, failed.status(), failed.body().toString());
        assertEquals(List.of(2, 1), ints(failed.data().path("deliveries"), "attempt"));
        assertEquals(List.of("failed", "failed"), texts(failed.data().path("deliveries"), "status"));
        assertEquals(500, failed.data().path("deliveries").get(0).path("responseCode").asInt());
        assertEquals("Answered 500", failed.data().path("deliveries").get(0).path("error").asText());

        RoutesCall.Answer succeeded = get(tenant, s.id(), Map.of("status", "succeeded"));
        assertEquals(List.of(3), ints(succeeded.data().path("deliveries"), "attempt"));

        RoutesCall.Answer first = get(tenant, s.id(), Map.of("limit", "2"));
        assertEquals(List.of(3, 2), ints(first.data().path("deliveries"), "attempt"));
        String cursor = first.data().path("pagination").path("nextCursor").asText();
        assertTrue(!cursor.isEmpty(), first.data().toString());
        RoutesCall.Answer second = get(tenant, s.id(), Map.of("limit", "2", "cursor", cursor));
        assertEquals(List.of(1), ints(second.data().path("deliveries"), "attempt"));
        assertTrue(second.data().path("pagination").path("nextCursor").isNull());

        // a cursor is bound to its status filter and its subscription
        assertEquals(400, get(tenant, s.id(), Map.of("limit", "2", "cursor", cursor, "status", "failed")).status());
        assertEquals(400, get(tenant, s.id(), Map.of("status", "bogus")).status());
        assertEquals("VALIDATION_ERROR", get(tenant, s.id(), Map.of("status", "bogus")).body().path("code").asText());
        assertEquals(400, get(tenant, s.id(), Map.of("limit", "0")).status());
    }

    @Test
    void anotherTenantsOrAnUnknownWebhookIsNotFoundAndOwnKeysAreRefused() {
        Subscription theirs = rig.directory.add(other.tenantId(), "http://127.0.0.1:9/none", "whsec_o",
                ChangeType.LEAD_CREATED);
        Subscription ours = rig.directory.add(tenant.tenantId(), "http://127.0.0.1:9/none", "whsec_o",
                ChangeType.LEAD_CREATED);

        assertEquals(404, get(tenant, theirs.id(), Map.of()).status());
        assertEquals(404, get(tenant, "wh_doesnotexist", Map.of()).status());
        assertEquals(404, replay(tenant.apiKey(), theirs.id(), Map.of("eventIds", List.of("evt_1"))).status());
        assertEquals(200, get(tenant, ours.id(), Map.of()).status());

        TestTenant own = Fixture.withKey(tenant.tenantId(), "user_9", "own", "leads:read", "webhooks:write");
        RoutesCall.Answer refused = get(own, ours.id(), Map.of());
        assertEquals(403, refused.status());
        assertEquals("PERMISSION_DENIED", refused.body().path("code").asText());
        assertEquals(403, replay(own.apiKey(), ours.id(), Map.of("eventIds", List.of("evt_1"))).status());

        TestTenant reader = Fixture.withKey(tenant.tenantId(), "user_8", "tenant", "leads:read");
        assertEquals(403, get(reader, ours.id(), Map.of()).status());
    }

    @Test
    void replayByIdsSendsThoseEventsAgainAsNewDeliveriesOfTheSameEvents() {
        String url = receiver.endpoint("replayed", (r, n) -> Receiver.Answer.status(200));
        Subscription s = rig.directory.add(tenant.tenantId(), url, "whsec_rp", ChangeType.LEAD_CREATED,
                ChangeType.LEAD_UPDATED);
        Instant t0 = Instant.now().minusSeconds(600);
        ChangeEvent e1 = event("lead_rp1", 1, ChangeType.LEAD_CREATED, t0);
        ChangeEvent e2 = event("lead_rp1", 2, ChangeType.LEAD_UPDATED, t0.plusSeconds(1));
        ChangeEvent company = new ChangeEvent(tenant.tenantId(), "evt_cmp_rp", ChangeType.COMPANY_CREATED,
                t0.plusMillis(1500), "cmp_rp", null, null, 1, Map.of());
        ChangeEvent e3 = event("lead_rp2", 1, ChangeType.LEAD_CREATED, t0.plusSeconds(2));
        FEED.events.addAll(List.of(e1, e2, company, e3));

        RoutesCall.Answer answer = replay(tenant.apiKey(), s.id(),
                Map.of("eventIds", List.of(e3.id(), e1.id(), company.id(), "evt_unknown")));

        assertEquals(202, answer.status(), answer.body().toString());
        assertEquals(3, answer.data().path("matched").asInt());
        assertEquals(2, answer.data().path("queued").asInt());
        Fixture.eventually(WAIT, "both replayed", () -> receiver.requests(url).size() == 2);
        List<String> got = receiver.requests(url).stream().map(Receiver.Request::eventId).sorted().toList();
        assertEquals(List.of(e1.id(), e3.id()).stream().sorted().toList(), got);
        for (Receiver.Request r : receiver.requests(url)) {
            assertNotEquals(DeliveryIds.of(s.id(), r.eventId(), null), r.header("Leadbase-Delivery-Id"),
                    "a replay is a new delivery");
        }

        // replayed again: again new deliveries, not dropped as copies
        assertEquals(202, replay(tenant.apiKey(), s.id(), Map.of("eventIds", List.of(e1.id()))).status());
        Fixture.eventually(WAIT, "replayed twice", () -> receiver.requests(url).size() == 3);
    }

    @Test
    void replayByTimeSendsTheEventsOfTheWindowInOrder() {
        String url = receiver.endpoint("window", (r, n) -> Receiver.Answer.status(200));
        Subscription s = rig.directory.add(tenant.tenantId(), url, "whsec_w", ChangeType.LEAD_CREATED,
                ChangeType.LEAD_UPDATED);
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        ChangeEvent a1 = event("lead_w1", 1, ChangeType.LEAD_CREATED, t0);
        ChangeEvent a2 = event("lead_w1", 2, ChangeType.LEAD_UPDATED, t0.plusSeconds(10));
        ChangeEvent a3 = event("lead_w1", 3, ChangeType.LEAD_UPDATED, t0.plusSeconds(20));
        ChangeEvent outside = event("lead_w2", 1, ChangeType.LEAD_CREATED, t0.plusSeconds(30));
        FEED.events.addAll(List.of(a3, outside, a1, a2));

        RoutesCall.Answer answer = replay(tenant.apiKey(), s.id(),
                Map.of("from", t0.toString(), "to", t0.plusSeconds(30).toString()));

        assertEquals(202, answer.status(), answer.body().toString());
        assertEquals(3, answer.data().path("queued").asInt());
        Fixture.eventually(WAIT, "the window replayed", () -> receiver.requests(url).size() == 3);
        assertEquals(List.of(a1.id(), a2.id(), a3.id()),
                receiver.requests(url).stream().map(Receiver.Request::eventId).toList());
    }

    @Test
    void aReplayBodyIsEitherIdsOrAnOrderedWindowOfAtMost30Days() {
        Subscription s = rig.directory.add(tenant.tenantId(), "http://127.0.0.1:9/none", "whsec_v",
                ChangeType.LEAD_CREATED);
        String key = tenant.apiKey();
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "evt_" + i).toList();
        List<Object> bad = new ArrayList<>(List.of(
                Map.of(),
                Map.of("eventIds", List.of()),
                Map.of("eventIds", tooMany),
                Map.of("eventIds", List.of("evt_1"), "from", "2026-11-01T00:00:00Z"),
                Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z"),
                Map.of("from", "2026-11-01T00:00:00Z", "to", "2026-11-01T00:00:00Z"),
                Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-11-01T00:00:01Z"),
                Map.of("from", "yesterday", "to", "2026-11-01T00:00:00Z"),
                Map.of("from", "2026-11-01T00:00:00Z"),
                Map.of("eventIds", List.of("evt 1")),
                Map.of("eventIds", "evt_1"),
                Map.of("eventIds", List.of("evt_1"), "extra", true)));
        for (Object body : bad) {
            RoutesCall.Answer answer = replay(key, s.id(), body);
            assertEquals(400, answer.status(), body + " -> " + answer.body());
            assertEquals("VALIDATION_ERROR", answer.body().path("code").asText());
        }
        assertEquals(202, replay(key, s.id(), Map.of("eventIds", List.of("evt_none"))).status());
    }

    private static List<Integer> ints(JsonNode array, String field) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asInt()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
