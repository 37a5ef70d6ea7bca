package dev.leadbase.it.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.it.Fixture;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.config.Config;
import dev.leadbase.webhooks.app.ReceivedDelivery;
import dev.leadbase.webhooks.app.WebhookDeliveries;
import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.DeliveryStatus;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.store.DynamoDeliveryLog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The delivery log's writes: a batch's attempts are logged together after its POSTs, and a message whose attempt
 * DynamoDB left unwritten is not taken as done: it comes back, with its lead's later events behind it.
 */
class DeliveryLogWritesTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        Fixture.runtime();
        // a process's first AtOnce.all runs its calls one after the other; after it, a batch's groups go at once
        AtOnce.all(List.of(() -> 1, () -> 2));
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aBatchOfTenDeliveriesIsLoggedInFullWithOneWrite() {
        String tenant = WebhookDeliveryTest.tenant();
        String url = receiver.endpoint("onewrite", (r, n) -> Receiver.Answer.status(200));
        MapDirectory directory = new MapDirectory();
        Subscription s = directory.add(tenant, url, "whsec_w", ChangeType.LEAD_CREATED);
        AtomicInteger writes = new AtomicInteger();
        DynamoDbClient counted = through(Fixture.runtime().dynamo(), item -> false, writes::incrementAndGet);
        List<ReceivedDelivery> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ChangeEvent e = WebhookDeliveryTest.event(tenant, "lead_w" + i, 1, ChangeType.LEAD_CREATED);
            Delivery d = new Delivery(s.id(), DeliveryIds.of(s.id(), e.id(), null), e);
            batch.add(new ReceivedDelivery("m" + i, "receipt" + i, 1, d.orderGroup(), null, d));
        }

        Set<String> failed = worker(counted, directory).handle(batch);

        assertEquals(Set.of(), failed);
        assertEquals(10, receiver.requests(url).size());
        List<DeliveryAttempt> log = logOf(s, 10);
        assertTrue(log.stream().allMatch(a -> a.status() == DeliveryStatus.SUCCEEDED && a.responseCode() == 200));
        assertEquals(batch.stream().map(m -> m.delivery().deliveryId()).sorted().toList(),
                log.stream().map(DeliveryAttempt::deliveryId).sorted().toList());
        assertEquals(1, writes.get(), "one write for the batch's ten log entries");
    }

    @Test
    void anAttemptDynamoLeftUnwrittenIsSentAgainAndLoggedWithItsLeadsLaterEventBehindIt() {
        String tenant = WebhookDeliveryTest.tenant();
        ChangeEvent a1 = WebhookDeliveryTest.event(tenant, "lead_unlogA", 1, ChangeType.LEAD_CREATED);
        ChangeEvent a2 = WebhookDeliveryTest.event(tenant, "lead_unlogA", 2, ChangeType.LEAD_UPDATED);
        ChangeEvent b1 = WebhookDeliveryTest.event(tenant, "lead_unlogB", 1, ChangeType.LEAD_CREATED);
        String url = receiver.endpoint("unlogged", (r, n) -> Receiver.Answer.status(200));
        // DynamoDB leaves a1's log entry unprocessed, however often it is sent, until a1 has been POSTed twice
        DynamoDbClient refusing = through(Fixture.runtime().dynamo(), item -> item.get("eventId").s().equals(a1.id())
                && receiver.requests(url).stream().filter(r -> r.eventId().equals(a1.id())).count() < 2, () -> { });
        try (DeliveryRig rig = new DeliveryRig(Map.of(), refusing)) {
            Subscription s = rig.directory.add(tenant, url, "whsec_u", ChangeType.LEAD_CREATED,
                    ChangeType.LEAD_UPDATED);

            rig.fanout().fanOut(List.of(a1, b1, a2));

            Fixture.eventually(WAIT, "a1 sent again, then a2", () -> {
                List<String> ids = receiver.requests(url).stream().map(Receiver.Request::eventId).toList();
                return ids.stream().filter(a1.id()::equals).count() == 2
                        && ids.lastIndexOf(a2.id()) > ids.lastIndexOf(a1.id());
            });
            rig.drained(WAIT);
            List<Receiver.Request> got = receiver.requests(url);
            List<String> order = got.stream().map(Receiver.Request::eventId).toList();
            assertEquals(2, order.stream().filter(a1.id()::equals).count(), "a1 sent again: " + order);
            assertEquals(1, order.stream().filter(b1.id()::equals).count(), "b1 once: " + order);
            assertTrue(order.lastIndexOf(a2.id()) > order.lastIndexOf(a1.id()), "a2 after a1 again: " + order);
            // every POST logged (the log is read eventually consistent: read again until it shows them all)
            long a2Posts = order.stream().filter(a2.id()::equals).count();
            List<List<DeliveryAttempt>> seen = new ArrayList<>(List.of(List.of()));
            Fixture.eventually(WAIT, "a1, a2 and b1 logged", () -> {
                seen.set(0, rig.log(s));
                return List.of(a1, a2, b1).stream().allMatch(e -> seen.getFirst().stream().anyMatch(a ->
                        a.eventId().equals(e.id()) && a.status() == DeliveryStatus.SUCCEEDED))
                        && seen.getFirst().stream().filter(a -> a.eventId().equals(a2.id())).count() == a2Posts;
            });
            // a1's first attempt is the one DynamoDB did not take; its second is logged once
            assertEquals(1, seen.getFirst().stream().filter(a -> a.eventId().equals(a1.id())).count(), seen.toString());
        }
    }

    /** The worker's use case as DeliveryWorker's function builds it, over {@code dynamo} and {@code directory}. */
    private static WebhookDeliveries worker(DynamoDbClient dynamo, MapDirectory directory) {
        Map<String, String> env = new HashMap<>(Fixture.runtime().function("DeliveryWorker").environment());
        env.put("WEBHOOK_SUBSCRIPTION_CACHE_SECONDS", "0");
        Components components = Components.of(Config.of(env), dynamo, Fixture.runtime().sqs(), Clock.systemUTC());
        return new WebhooksWiring(components).webhookDeliveries(directory, events -> { });
    }

    /** The subscription's log as the route reads it, once it holds {@code entries} entries. */
    private static List<DeliveryAttempt> logOf(Subscription s, int entries) {
        DynamoDeliveryLog log = new DynamoDeliveryLog(Fixture.runtime().dynamo(),
                Fixture.runtime().tableName("WebhookDeliveriesTable"));
        List<List<DeliveryAttempt>> seen = new ArrayList<>(List.of(List.of()));
        Fixture.eventually(WAIT, entries + " log entries", () -> {
            seen.set(0, log.page(s.tenantId(), s.id(), null, null, 100).attempts());
            return seen.getFirst().size() == entries;
        });
        return seen.getFirst();
    }

    /**
     * The runtime's DynamoDB seen through a hook on the writes: a BatchWriteItem's items that {@code unprocessed}
     * picks are not written and come back as DynamoDB's UnprocessedItems; {@code onWrite} runs at every PutItem and
     * BatchWriteItem.
     */
    private static DynamoDbClient through(DynamoDbClient target, Predicate<Map<String, AttributeValue>> unprocessed,
                                          Runnable onWrite) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putItem") || method.getName().equals("batchWriteItem")) {
                        onWrite.run();
                    }
                    if (method.getName().equals("batchWriteItem")) {
                        return batchWrite(target, request(args[0]), unprocessed);
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static BatchWriteItemRequest request(Object arg) {
        return arg instanceof BatchWriteItemRequest r ? r
                : BatchWriteItemRequest.builder().applyMutation((Consumer<BatchWriteItemRequest.Builder>) arg).build();
    }

    private static BatchWriteItemResponse batchWrite(DynamoDbClient target, BatchWriteItemRequest request,
                                                     Predicate<Map<String, AttributeValue>> unprocessed) {
        Map<String, List<WriteRequest>> written = new HashMap<>();
        Map<String, List<WriteRequest>> left = new HashMap<>();
        request.requestItems().forEach((table, writes) -> writes.forEach(w ->
                (w.putRequest() != null && unprocessed.test(w.putRequest().item()) ? left : written)
                        .computeIfAbsent(table, t -> new ArrayList<>()).add(w)));
        if (!written.isEmpty()) {
            BatchWriteItemResponse response = target.batchWriteItem(r -> r.requestItems(written));
            response.unprocessedItems().forEach((table, writes) ->
                    left.computeIfAbsent(table, t -> new ArrayList<>()).addAll(writes));
        }
        return BatchWriteItemResponse.builder().unprocessedItems(left).build();
    }
}
