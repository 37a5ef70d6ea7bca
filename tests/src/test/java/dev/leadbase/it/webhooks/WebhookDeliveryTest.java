package dev.leadbase.it.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.it.Fixture;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.DeliveryStatus;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.store.SqsDeliveryQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries end to end on DynamoDB Local and ElasticMQ: placed change events handed to the fan-out reach a
 * receiver on the JDK's HttpServer, signed, retried with backoff, in order per lead, logged attempt by attempt.
 */
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DeliveryRig rig;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        Fixture.runtime();
        // a process's first AtOnce.all runs its calls one after the other; after it, a batch's groups go at once
        AtOnce.all(List.of(() -> 1, () -> 2));
        rig = new DeliveryRig();
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        rig.close();
    }

    static String tenant() {
        return "tnt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static ChangeEvent event(String tenant, String leadId, long sequence, ChangeType type) {
        return new ChangeEvent(tenant, "evt_" + UUID.randomUUID().toString().replace("-", ""), type,
                Instant.now(), leadId, leadId, null, sequence,
                Map.of("lead", Map.of("id", leadId, "email", "ada+" + sequence + "@example.com")));
    }

    static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The v1 values of a signature header that verify with {@code secret}, after checking t is recent. */
    static long verifying(Receiver.Request r, String secret) throws Exception {
        String[] parts = r.header("Leadbase-Signature").split(",");
        assertTrue(parts[0].startsWith("t="), r.header("Leadbase-Signature"));
        long t = Long.parseLong(parts[0].substring(2));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 300, "t is within 5 minutes");
        String expected = hmac(secret, t + "." + r.body());
        return Arrays.stream(parts).skip(1).filter(p -> p.equals("v1=" + expected)).count();
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        Fixture.eventually(WAIT, what, condition);
    }

    @Test
    void deliveriesAreSignedWithTheSecretAndWithBothSecretsDuringARotation() throws Exception {
        String tenant = tenant();
        String url = receiver.endpoint("signed", (r, n) -> Receiver.Answer.status(200));
        Subscription s = rig.directory.add(tenant, url, "whsec_first", ChangeType.LEAD_CREATED, ChangeType.LEAD_UPDATED);
        ChangeEvent created = event(tenant, "lead_sig1", 1, ChangeType.LEAD_CREATED);

        rig.fanout().fanOut(List.of(created));
        await("the first delivery", () -> receiver.requests(url).size() == 1);

        Receiver.Request first = receiver.requests(url).getFirst();
        assertEquals(1, verifying(first, "whsec_first"));
        assertEquals(0, verifying(first, "whsec_other"));
        assertEquals(created.id(), first.eventId());
        assertTrue(first.header("Leadbase-Delivery-Id").startsWith("dlv_"));
        assertTrue(first.header("Content-Type").startsWith("application/json"));
        assertTrue(first.header("User-Agent").startsWith("Leadbase-Webhooks/"));
        JsonNode body = JSON.readTree(first.body());
        assertEquals(List.of("id", "type", "occurredAt", "sequence", "data"), fieldNames(body));
        assertEquals("lead.created", body.path("type").asText());
        assertEquals(1, body.path("sequence").asLong());
        assertEquals("lead_sig1", body.path("data").path("lead").path("id").asText());

        // rotated: the new secret and the old one are valid for 24 h, and each signs
        rig.directory.secrets(s, List.of("whsec_second", "whsec_first"));
        rig.fanout().fanOut(List.of(event(tenant, "lead_sig1", 2, ChangeType.LEAD_UPDATED)));
        await("the second delivery", () -> receiver.requests(url).size() == 2);
        Receiver.Request second = receiver.requests(url).get(1);
        assertEquals(1, verifying(second, "whsec_first"));
        assertEquals(1, verifying(second, "whsec_second"));
        assertEquals(3, second.header("Leadbase-Signature").split(",").length);
    }

    @Test
    void eventsOfTypesTheSubscriptionDoesNotTakeAreNotDelivered() {
        String tenant = tenant();
        String url = receiver.endpoint("typed", (r, n) -> Receiver.Answer.status(200));
        rig.directory.add(tenant, url, "whsec_t", ChangeType.LEAD_DELETED);
        ChangeEvent deleted = event(tenant, "lead_t1", 2, ChangeType.LEAD_DELETED);

        rig.fanout().fanOut(List.of(event(tenant, "lead_t1", 1, ChangeType.LEAD_CREATED), deleted));

        await("the delete", () -> receiver.requests(url).size() == 1);
        rig.drained(WAIT);
        assertEquals(List.of(deleted.id()), receiver.requests(url).stream().map(Receiver.Request::eventId).toList());
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttemptAndTheLogShowsAllThree() {
        String tenant = tenant();
        String url = receiver.endpoint("twice", (r, n) -> Receiver.Answer.status(n < 2 ? 500 : 200));
        Subscription s = rig.directory.add(tenant, url, "whsec_x", ChangeType.LEAD_CREATED);
        ChangeEvent e = event(tenant, "lead_twice", 1, ChangeType.LEAD_CREATED);

        rig.fanout().fanOut(List.of(e));

        await("three attempts", () -> receiver.requests(url).size() == 3);
        List<DeliveryAttempt> log = rig.logOf(s, 3, WAIT).reversed();
        List<Receiver.Request> got = receiver.requests(url);
        assertEquals(1, got.stream().map(r -> r.header("Leadbase-Delivery-Id")).distinct().count(),
                "one delivery, attempted three times");
        assertTrue(got.stream().allMatch(r -> r.eventId().equals(e.id())));
        // backoff: about 1 s, then about 2 s (the test's base; 10 s in production), never at once
        long gap1 = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
        long gap2 = Duration.between(got.get(1).at(), got.get(2).at()).toMillis();
        assertTrue(gap1 >= 700, "first retry after " + gap1 + " ms");
        assertTrue(gap2 >= 1400, "second retry after " + gap2 + " ms");

        assertEquals(List.of(1, 2, 3), log.stream().map(DeliveryAttempt::attempt).toList());
        assertEquals(List.of(DeliveryStatus.FAILED, DeliveryStatus.FAILED, DeliveryStatus.SUCCEEDED),
                log.stream().map(DeliveryAttempt::status).toList());
        assertEquals(Arrays.asList(500, 500, 200), log.stream().map(DeliveryAttempt::responseCode).toList());
        assertEquals("Answered 500", log.getFirst().error());
        assertNull(log.getLast().error());
        assertEquals("ok", log.getLast().responseBody());
        assertTrue(log.stream().allMatch(a -> a.eventId().equals(e.id()) && a.type() == ChangeType.LEAD_CREATED));
    }

    @Test
    void aLeadsLaterEventWaitsWhileItsEarlierOneIsRetriedAndOtherLeadsGoOn() {
        String tenant = tenant();
        ChangeEvent a1 = event(tenant, "lead_orderA", 1, ChangeType.LEAD_CREATED);
        ChangeEvent b1 = event(tenant, "lead_orderB", 1, ChangeType.LEAD_CREATED);
        ChangeEvent a2 = event(tenant, "lead_orderA", 2, ChangeType.LEAD_UPDATED);
        String url = receiver.endpoint("ordered", (r, n) ->
                Receiver.Answer.status(r.eventId().equals(a1.id()) && n < 2 ? 503 : 200));
        rig.directory.add(tenant, url, "whsec_o", ChangeType.LEAD_CREATED, ChangeType.LEAD_UPDATED);

        rig.fanout().fanOut(List.of(a1, b1, a2));

        await("all three delivered", () -> receiver.requests(url).stream().filter(r -> r.answered() == 200).count() == 3);
        List<Receiver.Request> got = receiver.requests(url);
        List<String> order = got.stream().map(Receiver.Request::eventId).toList();
        int a1Delivered = indexOf(got, a1.id(), 200);
        assertTrue(order.indexOf(b1.id()) < a1Delivered, "lead B goes on while lead A is retried: " + names(order, a1, b1, a2));
        assertTrue(order.indexOf(a2.id()) > a1Delivered, "lead A's second event waits for its first: "
                + names(order, a1, b1, a2));
        assertEquals(1, order.stream().filter(a2.id()::equals).count(), "the waiting event was never attempted early");
    }

    @Test
    void aSlowReceiverCountsAsFailedWithATimeoutAndHoldsUpNoOtherLead() {
        String tenant = tenant();
        ChangeEvent slowEvent = event(tenant, "lead_slow", 1, ChangeType.LEAD_CREATED);
        String url = receiver.endpoint("slow", (r, n) -> r.eventId().equals(slowEvent.id()) && n == 0
                ? new Receiver.Answer(200, "late".getBytes(StandardCharsets.UTF_8), 6500, Map.of())
                : Receiver.Answer.status(200));
        Subscription s = rig.directory.add(tenant, url, "whsec_s", ChangeType.LEAD_CREATED);
        ChangeEvent other = event(tenant, "lead_quick", 1, ChangeType.LEAD_CREATED);

        rig.fanout().fanOut(List.of(slowEvent, other));

        List<DeliveryAttempt> log = rig.logOf(s, 3, WAIT);
        DeliveryAttempt first = log.stream().filter(a -> a.eventId().equals(slowEvent.id()) && a.attempt() == 1)
                .findFirst().orElseThrow();
        assertEquals(DeliveryStatus.FAILED, first.status());
        assertNull(first.responseCode());
        assertTrue(first.error().contains("Timed out"), first.error());
        assertTrue(first.latencyMs() >= 5000 && first.latencyMs() < 6500, "latency " + first.latencyMs());
        assertTrue(log.stream().anyMatch(a -> a.eventId().equals(slowEvent.id()) && a.status() == DeliveryStatus.SUCCEEDED));
        // the other lead's event, in the same batch, did not wait for the slow one
        Receiver.Request slowRequest = receiver.requests(url).stream().filter(r -> r.eventId().equals(slowEvent.id()))
                .findFirst().orElseThrow();
        Receiver.Request otherRequest = receiver.requests(url).stream().filter(r -> r.eventId().equals(other.id()))
                .findFirst().orElseThrow();
        assertTrue(otherRequest.at().isBefore(slowRequest.at().plusSeconds(4)),
                "the other lead was delivered " + Duration.between(slowRequest.at(), otherRequest.at()) + " after");
    }

    @Test
    void redirectsAreNotFollowedAndCountAsFailures() {
        String tenant = tenant();
        String elsewhere = receiver.endpoint("elsewhere", (r, n) -> Receiver.Answer.status(200));
        String url = receiver.endpoint("moved", (r, n) -> n == 0
                ? new Receiver.Answer(302, new byte[0], 0, Map.of("Location", elsewhere))
                : Receiver.Answer.status(204));
        Subscription s = rig.directory.add(tenant, url, "whsec_r", ChangeType.LEAD_CREATED);

        rig.fanout().fanOut(List.of(event(tenant, "lead_moved", 1, ChangeType.LEAD_CREATED)));

        List<DeliveryAttempt> log = rig.logOf(s, 2, WAIT);
        DeliveryAttempt first = log.getLast();
        assertEquals(DeliveryStatus.FAILED, first.status());
        assertEquals(302, first.responseCode());
        assertTrue(first.error().contains("redirects are not followed"), first.error());
        assertEquals(List.of(), receiver.requests(elsewhere));
        assertEquals(204, log.getFirst().responseCode());
    }

    @Test
    void aResponseBodyOfOneMegabyteIsReadOnlyUpToTheCap() {
        String tenant = tenant();
        byte[] big = new byte[1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        String url = receiver.endpoint("big", (r, n) -> new Receiver.Answer(200, big, 0, Map.of()));
        Subscription s = rig.directory.add(tenant, url, "whsec_b", ChangeType.LEAD_CREATED);

        rig.fanout().fanOut(List.of(event(tenant, "lead_big", 1, ChangeType.LEAD_CREATED)));

        DeliveryAttempt a = rig.logOf(s, 1, WAIT).getFirst();
        assertEquals(DeliveryStatus.SUCCEEDED, a.status());
        assertEquals(DeliveryAttempt.MAX_RESPONSE_BYTES, a.responseBody().length());
    }

    @Test
    void privateAndMetadataAddressesAreRefusedAtDeliveryWithoutConnecting() {
        String tenant = tenant();
        Subscription privateNet = rig.directory.add(tenant, "http://10.20.30.40:8080/hook", "whsec_p", ChangeType.LEAD_CREATED);
        Subscription metadata = rig.directory.add(tenant, "http://169.254.169.254/latest/meta-data", "whsec_m",
                ChangeType.LEAD_CREATED);

        rig.fanout().fanOut(List.of(event(tenant, "lead_ssrf", 1, ChangeType.LEAD_CREATED)));

        DeliveryAttempt p = rig.logOf(privateNet, 1, WAIT).getLast();
        assertEquals(DeliveryStatus.FAILED, p.status());
        assertTrue(p.error().contains("(10.20.30.40)"), p.error());
        assertTrue(p.latencyMs() < 1000, "refused before connecting (an unroutable address would take 5 s)");
        assertTrue(rig.logOf(metadata, 1, WAIT).getLast().error().contains("(169.254.169.254)"));
    }

    @Test
    void onAwsLoopbackAndPlainHttpAreRefused() {
        try (DeliveryRig aws = new DeliveryRig(Map.of("LEADBASE_LOCAL", "false"))) {
            String tenant = tenant();
            String url = receiver.endpoint("awsmode", (r, n) -> Receiver.Answer.status(200));
            Subscription plain = aws.directory.add(tenant, url, "whsec_a", ChangeType.LEAD_CREATED);
            Subscription tls = aws.directory.add(tenant, "https://localhost:" + receiver.port() + "/awsmode", "whsec_a",
                    ChangeType.LEAD_CREATED);

            aws.fanout().fanOut(List.of(event(tenant, "lead_aws", 1, ChangeType.LEAD_CREATED)));

            assertEquals("Only https URLs are delivered to", aws.logOf(plain, 1, WAIT).getLast().error());
            String refused = aws.logOf(tls, 1, WAIT).getLast().error();
            assertTrue(refused.contains("loopback") && refused.contains("(127.0.0.1)"), refused);
            assertEquals(List.of(), receiver.requests(url));
        }
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterQueueAndDoesNotBlockItsGroup() {
        String tenant = tenant();
        String url = receiver.endpoint("afterpoison", (r, n) -> Receiver.Answer.status(200));
        Subscription s = rig.directory.add(tenant, url, "whsec_q", ChangeType.LEAD_CREATED);
        ChangeEvent good = event(tenant, "lead_poison", 1, ChangeType.LEAD_CREATED);
        String group = s.id() + "#lead_poison";
        Fixture.runtime().sqs().sendMessage(m -> m.queueUrl(rig.queueUrl).messageBody("{not json")
                .messageGroupId(group).messageDeduplicationId("poison-" + UUID.randomUUID()));

        rig.fanout().fanOut(List.of(good));

        await("the good event behind it delivered", () -> receiver.requests(url).size() == 1);
        List<String> parked = new ArrayList<>();
        Fixture.eventually(WAIT, "the poison parked", () -> {
            rig.deadLetters().forEach(m -> parked.add(m.body()));
            return parked.contains("{not json");
        });
    }

    @Test
    void after72HoursOfFailuresTheSubscriptionIsDisabledAndReEnablingDeliversWhatWasPending() {
        // with the worker's subscription cache on: the subscription enabled again must be seen at once
        try (DeliveryRig short72 = new DeliveryRig(Map.of("WEBHOOK_GIVE_UP_AFTER_SECONDS", "3",
                "WEBHOOK_SUBSCRIPTION_CACHE_SECONDS", "30"))) {
            String tenant = tenant();
            AtomicBoolean up = new AtomicBoolean(false);
            String url = receiver.endpoint("down", (r, n) -> Receiver.Answer.status(up.get() ? 200 : 503));
            Subscription s = short72.directory.add(tenant, url, "whsec_d", ChangeType.LEAD_CREATED);
            ChangeEvent e = event(tenant, "lead_down", 1, ChangeType.LEAD_CREATED);

            short72.fanout().fanOut(List.of(e));

            await("the subscription disabled", () -> !short72.directory.current(s).enabled());
            short72.drained(WAIT);
            assertTrue(short72.directory.current(s).disabledReason().startsWith("Deliveries failed for"));
            assertEquals(1, short72.published.size());
            ChangeEvent disabled = short72.published.getFirst();
            assertEquals(ChangeType.WEBHOOK_DISABLED, disabled.type());
            assertEquals(s.id(), disabled.subjectId());
            assertNull(disabled.leadId());
            assertNull(disabled.ownerId());
            assertEquals(tenant, disabled.tenantId());
            int attempts = receiver.requests(url).size();
            assertEquals(DeliveryStatus.PENDING, short72.logOf(s, attempts + 1, WAIT).getFirst().status());
            assertTrue(attempts >= 2, "retried before giving up: " + attempts);
            // a delivery already queued when the subscription was disabled is held as well, behind the first
            ChangeEvent later = event(tenant, "lead_down", 2, ChangeType.LEAD_CREATED);
            new SqsDeliveryQueue(Fixture.runtime().sqs(), short72.queueUrl, short72.deadLetterUrl).send(
                    List.of(new Delivery(s.id(), DeliveryIds.of(s.id(), later.id(), null), later)), null);
            short72.logOf(s, attempts + 2, WAIT);
            short72.drained(WAIT);
            assertEquals(attempts, receiver.requests(url).size());

            up.set(true);
            short72.directory.enable(s);
            short72.pending().resume(tenant, s.id());

            await("the pending events delivered", () -> receiver.requests(url).size() == attempts + 2);
            assertEquals(List.of(e.id(), later.id()), receiver.requests(url).subList(attempts, attempts + 2).stream()
                    .map(Receiver.Request::eventId).toList());
            assertTrue(receiver.requests(url).subList(attempts, attempts + 2).stream().allMatch(r -> r.answered() == 200));
            // a second resume finds nothing left to send
            short72.pending().resume(tenant, s.id());
            short72.drained(WAIT);
            assertEquals(attempts + 2, receiver.requests(url).size());
        }
    }

    private static int indexOf(List<Receiver.Request> got, String eventId, int status) {
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i).eventId().equals(eventId) && got.get(i).answered() == status) {
                return i;
            }
        }
        return -1;
    }

    private static String names(List<String> order, ChangeEvent a1, ChangeEvent b1, ChangeEvent a2) {
        return order.stream().map(id -> id.equals(a1.id()) ? "A1" : id.equals(b1.id()) ? "B1" : id.equals(a2.id()) ? "A2" : "?")
                .toList().toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
