package dev.leadbase.it.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.changes.edge.ChangesWorker;
import dev.leadbase.changes.store.ChangeMessages;
import dev.leadbase.composition.ChangesWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.shared.config.Config;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The feed's writer (ChangesWorker) invoked with SQS batches as Lambda hands them over, on the runtime's DynamoDB,
 * with a fan-out that records what it is given: batches received again, a fan-out that failed, a message that fails.
 */
class FeedWriterTest {
    /** A fan-out that records each call, and fails the first {@code failures} calls. */
    static final class RecordingFanout implements ChangeFanout {
        final List<List<ChangeEvent>> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;

        RecordingFanout(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void fanOut(List<ChangeEvent> placed) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("fan-out down");
            }
            calls.add(List.copyOf(placed));
        }

        Map<String, Long> sequences() {
            Map<String, Long> out = new HashMap<>();
            calls.forEach(call -> call.forEach(e -> out.put(e.id(), e.sequence())));
            return out;
        }
    }

    static ChangesWorker worker(ChangeFanout fanout) {
        return worker(fanout, Fixture.runtime().dynamo());
    }

    static ChangesWorker worker(ChangeFanout fanout, DynamoDbClient dynamo) {
        return new ChangesWorker(new ChangesWiring(components(dynamo)).feedWriter(fanout));
    }

    static Components components(DynamoDbClient dynamo) {
        return Components.of(Config.of(Fixture.runtime().function("ChangesWorker").environment()), dynamo,
                Fixture.runtime().sqs(), Clock.systemUTC());
    }

    /** DynamoDB Local, asked for the write units of every single-item write made through it, which it adds up. */
    static final class WriteUnits implements InvocationHandler {
        final DynamoDbClient delegate = Fixture.runtime().dynamo();
        final DoubleAdder units = new DoubleAdder();

        DynamoDbClient client() {
            return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer<?>) {
                return InvocationHandler.invokeDefault(proxy, method, args); // builds the request, comes back here
            }
            try {
                if (args != null && args.length == 1 && args[0] instanceof PutItemRequest put) {
                    PutItemResponse r = delegate.putItem(put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                    units.add(r.consumedCapacity().capacityUnits());
                    return r;
                }
                if (args != null && args.length == 1 && (args[0] instanceof UpdateItemRequest
                        || args[0] instanceof DeleteItemRequest || args[0] instanceof TransactWriteItemsRequest
                        || args[0] instanceof BatchWriteItemRequest)) {
                    throw new AssertionError("the feed's writer makes only PutItem writes, not " + method.getName());
                }
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** A batch as the event source mapping hands it over: each message in its event's group. */
    static SQSEvent batch(List<ChangeEvent> events) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (ChangeEvent e : events) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("msg-" + e.id());
            m.setBody(ChangeMessages.body(e));
            m.setAttributes(Map.of("MessageGroupId", e.partition().key()));
            m.setEventSource("aws:sqs");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** Two leads of different partitions and their events, in order. */
    static List<ChangeEvent> twoLeadsEvents(String tenantId, int each) {
        String a = "lead_" + ChangesFeedTest.unique();
        String b;
        do {
            b = "lead_" + ChangesFeedTest.unique();
        } while (FeedPartition.of(tenantId, b).equals(FeedPartition.of(tenantId, a)));
        List<ChangeEvent> events = new ArrayList<>();
        for (int n = 1; n <= each; n++) {
            events.add(ChangesFeedTest.leadEvent(tenantId, a, null, ChangeType.LEAD_UPDATED, n));
            events.add(ChangesFeedTest.leadEvent(tenantId, b, null, ChangeType.LEAD_UPDATED, n));
        }
        return events;
    }

    @Test
    void aBatchReceivedAgainPlacesNothingTwiceAndFansOutTheSamePositionsAgain() {
        TestTenant tenant = Fixture.newTenant(0);
        List<ChangeEvent> events = twoLeadsEvents(tenant.tenantId(), 5);
        RecordingFanout fanout = new RecordingFanout(0);
        ChangesWorker worker = worker(fanout);

        assertEquals(List.of(), failed(worker.handleRequest(batch(events), null)));
        Map<String, Long> first = fanout.sequences();
        assertEquals(events.size(), first.size());
        assertEquals(List.of(), failed(worker.handleRequest(batch(events), null)));

        List<JsonNode> feed = ChangesFeedTest.readOn(tenant.client(), null, null).events();
        assertEquals(events.stream().map(ChangeEvent::id).sorted().toList(),
                ChangesFeedTest.ids(feed).stream().sorted().toList(), "each event placed once");
        assertEquals(4, fanout.calls.size(), "each partition fanned out on each receive");
        assertEquals(first, fanout.sequences(), "the second receive hands on the same positions");
        for (JsonNode e : feed) {
            assertEquals(first.get(e.path("id").asText()), e.path("sequence").asLong(), e.toString());
        }
        // each partition's events handed on in their order
        for (List<ChangeEvent> call : fanout.calls) {
            for (int i = 1; i < call.size(); i++) {
                assertTrue(call.get(i).sequence() > call.get(i - 1).sequence(), call.toString());
                assertEquals(call.get(0).partition(), call.get(i).partition());
            }
        }
    }

    @Test
    void placingAnEventWritesTwoUnitsAndABatchReceivedAgainWritesNothing() {
        TestTenant tenant = Fixture.newTenant(0);
        List<ChangeEvent> events = twoLeadsEvents(tenant.tenantId(), 5);
        WriteUnits meter = new WriteUnits();
        ChangesWorker worker = worker(new RecordingFanout(0), meter.client());

        assertEquals(List.of(), failed(worker.handleRequest(batch(events), null)));
        double placing = meter.units.sumThenReset();
        assertEquals(List.of(), failed(worker.handleRequest(batch(events), null)));
        double again = meter.units.sumThenReset();

        // the id pointer and the feed item (under 1 KB), 1 unit each
        assertEquals(2.0, placing / events.size(), 0.001, "write units per placed event");
        assertEquals(0.0, again, "write units of a batch received again");
    }

    @Test
    void eventsPlacedWhoseFanOutFailedAreHandedOnWhenReceivedAgain() {
        TestTenant tenant = Fixture.newTenant(0);
        List<ChangeEvent> events = twoLeadsEvents(tenant.tenantId(), 3);
        RecordingFanout fanout = new RecordingFanout(1);
        ChangesWorker worker = worker(fanout);

        List<String> failedFirst = failed(worker.handleRequest(batch(events), null));
        assertEquals(3, failedFirst.size(), "the messages of the partition whose fan-out failed: " + failedFirst);
        assertEquals(List.of(), failed(worker.handleRequest(batch(events), null)));

        assertEquals(events.stream().map(ChangeEvent::id).sorted().toList(),
                fanout.sequences().keySet().stream().sorted().toList(), "every event handed on");
        List<JsonNode> feed = ChangesFeedTest.readOn(tenant.client(), null, null).events();
        assertEquals(events.size(), feed.size(), "each event placed once: " + feed);
        for (JsonNode e : feed) {
            assertEquals(fanout.sequences().get(e.path("id").asText()), e.path("sequence").asLong(), e.toString());
        }
    }

    @Test
    void aMessageThatCannotBePlacedFailsWithEveryLaterMessageOfItsGroupAndOtherGroupsGoOn() {
        TestTenant tenant = Fixture.newTenant(0);
        List<ChangeEvent> pair = twoLeadsEvents(tenant.tenantId(), 1);
        ChangeEvent first = pair.get(0);
        ChangeEvent otherGroup = pair.get(1);
        // larger than a DynamoDB item may be: never placed
        ChangeEvent tooLarge = new ChangeEvent(tenant.tenantId(), "chg_" + ChangesFeedTest.unique(), ChangeType.LEAD_UPDATED,
                first.occurredAt(), first.subjectId(), first.leadId(), null, 0, Map.of("blob", "x".repeat(450_000)));
        ChangeEvent behind = ChangesFeedTest.leadEvent(tenant.tenantId(), first.subjectId(), null, ChangeType.LEAD_UPDATED, 3);
        RecordingFanout fanout = new RecordingFanout(0);

        SQSBatchResponse response = worker(fanout).handleRequest(batch(List.of(first, tooLarge, behind, otherGroup)), null);

        assertEquals(List.of("msg-" + tooLarge.id(), "msg-" + behind.id()), failed(response));
        List<String> feed = ChangesFeedTest.ids(ChangesFeedTest.readOn(tenant.client(), null, null).events());
        assertEquals(List.of(first.id(), otherGroup.id()).stream().sorted().toList(), feed.stream().sorted().toList());
        assertNotEquals(first.partition(), otherGroup.partition());
    }
}
