package dev.leadbase.it.changes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.contract.OpenApiDocument;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.local.events.StreamPoller;
import dev.leadbase.shared.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A producer of change events run as Lambda runs it, on the real records of its table's stream, by another container
 * of its function whose changes queue is a FIFO queue of this test's own (the template's ChangesQueue belongs to the
 * feed's writer): what arrives there is what the producer publishes, with its message group and deduplication id.
 */
final class ChangeCapture {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    /** A message of the capture queue: the event's JSON and its message group. */
    record Captured(JsonNode event, String groupId, String dedupId) {
        String type() {
            return event.path("type").asText();
        }

        JsonNode data() {
            return event.path("data");
        }
    }

    private final RunningRuntime runtime = Fixture.runtime();
    private final String streamArn;
    private final String queueUrl;
    private final LocalFunction function;
    private final Map<String, String> environment;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, String> lastSequence = new LinkedHashMap<>();
    private final List<Record> records = new ArrayList<>();
    private final List<Captured> captured = new ArrayList<>();

    /** Runs {@code functionId} on the stream of {@code tableId}, its environment changed by {@code overrides}. */
    ChangeCapture(String tableId, String functionId, Map<String, String> overrides) {
        this.streamArn = runtime.dynamo().describeTable(r -> r.tableName(runtime.tableName(tableId))).table()
                .latestStreamArn();
        String name = "changes-capture-" + QUEUES.incrementAndGet() + "-" + System.nanoTime() + ".fifo";
        this.queueUrl = runtime.sqs().createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        Map<String, String> env = new LinkedHashMap<>(overrides);
        env.put("CHANGES_QUEUE_URL", queueUrl);
        this.environment = Map.copyOf(env);
        this.function = runtime.function(functionId).over(runtime.dynamo(), env);
    }

    ChangeCapture(String tableId, String functionId) {
        this(tableId, functionId, Map.of());
    }

    String queueUrl() {
        return queueUrl;
    }

    /** Deletes the capture queue: the producer's publishing fails from now on, as a queue it cannot reach would. */
    void breakQueue() {
        runtime.sqs().deleteQueue(r -> r.queueUrl(queueUrl));
    }

    /** Another function of the template with the same changes queue and overrides as this producer. */
    LocalFunction sibling(String functionId) {
        return runtime.function(functionId).over(runtime.dynamo(), environment);
    }

    /**
     * A ScoreChanges table of this test's own (the template's keys): the template's SearchIndexer runs on the same
     * records and would otherwise record what it told there, under the same event ids.
     */
    static String privateScoreChangesTable() {
        String name = "score-changes-" + QUEUES.incrementAndGet() + "-" + System.nanoTime();
        Fixture.runtime().dynamo().createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("leadKey").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("rulesetId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("leadKey").keyType(KeyType.HASH),
                        k -> k.attributeName("rulesetId").keyType(KeyType.RANGE)));
        return name;
    }

    /** A new standard queue of this test's own (a producer's other queue, overridden). */
    static String privateQueue(String name) {
        String unique = name + "-" + QUEUES.incrementAndGet() + "-" + System.nanoTime();
        return Fixture.runtime().sqs().createQueue(r -> r.queueName(unique)).queueUrl();
    }

    /** Waits for the stream records of the tenant's items that pass {@code which}, at least {@code count}; in order. */
    List<Record> records(String tenantId, int count, Predicate<Record> which) {
        return recordsUntil(tenantId, which, count + " stream record(s)", mine -> mine.size() >= count);
    }

    /** Waits until the stream records of the tenant's items that pass {@code which} pass {@code until}; in order. */
    List<Record> recordsUntil(String tenantId, Predicate<Record> which, String what, Predicate<List<Record>> until) {
        List<Record> mine = new ArrayList<>();
        Fixture.eventually(Duration.ofSeconds(30), what, () -> {
            poll();
            mine.clear();
            records.stream().filter(r -> tenantId.equals(r.dynamodb().keys().get("tenantId").s())).filter(which)
                    .forEach(mine::add);
            return until.test(mine);
        });
        return mine;
    }

    /** Reads every shard from its start (the tests' tenants are new: their records are the ones asked for). */
    private void poll() {
        for (var shard : runtime.dynamoStreams().describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            iterators.computeIfAbsent(shard.shardId(), this::iterator);
        }
        for (var entry : iterators.entrySet()) {
            String iterator = entry.getValue();
            int reacquired = 0;
            while (iterator != null) {
                String current = iterator;
                software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse response;
                try {
                    response = runtime.dynamoStreams().getRecords(r -> r.shardIterator(current).limit(1000));
                } catch (TrimmedDataAccessException | ExpiredIteratorException e) {
                    // DynamoDB Local invalidates idle iterators: resume after the last record read
                    if (++reacquired > 3) {
                        throw e;
                    }
                    iterator = iterator(entry.getKey());
                    continue;
                }
                records.addAll(response.records());
                if (!response.records().isEmpty()) {
                    lastSequence.put(entry.getKey(), response.records().getLast().dynamodb().sequenceNumber());
                }
                iterator = response.nextShardIterator();
                entry.setValue(iterator);
                if (response.records().isEmpty()) {
                    break;
                }
            }
        }
    }

    private String iterator(String shardId) {
        String after = lastSequence.get(shardId);
        return runtime.dynamoStreams().getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
    }

    /** Invokes the function with {@code batch} as Lambda would; answers its response. */
    StreamsEventResponse deliver(List<Record> batch) {
        DynamodbEvent event = StreamPoller.toEvent(batch, streamArn);
        return (StreamsEventResponse) function.invoke(event);
    }

    /** Delivers the records one batch at a time, failing on a reported failure. */
    void deliverAll(List<Record> batch) {
        StreamsEventResponse response = deliver(batch);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new AssertionError("the batch failed from " + response.getBatchItemFailures().getFirst().getItemIdentifier());
        }
    }

    /** Every message that reached the capture queue so far (waiting a moment for late ones), oldest first. */
    List<Captured> captured() {
        while (true) {
            List<Message> got = runtime.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).messages();
            if (got.isEmpty()) {
                return List.copyOf(captured);
            }
            for (Message m : got) {
                assertDocumented(read(m.body()));
                captured.add(new Captured(read(m.body()),
                        m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                        m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)));
                runtime.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    List<Captured> captured(String type) {
        return captured().stream().filter(c -> c.type().equals(type)).toList();
    }

    /** The event as the feed lists it and a webhook delivers it matches openapi.yaml's ChangeEvent. */
    private static void assertDocumented(JsonNode message) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("id", "type", "occurredAt", "sequence", "data")) {
            wire.set(field, message.get(field));
        }
        List<String> problems = OpenApiDocument.load().problems("/components/schemas/ChangeEvent", wire);
        if (!problems.isEmpty()) {
            throw new AssertionError("not the documented ChangeEvent: " + problems + " in " + wire);
        }
    }

    static JsonNode read(String json) {
        try {
            return Json.read(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
