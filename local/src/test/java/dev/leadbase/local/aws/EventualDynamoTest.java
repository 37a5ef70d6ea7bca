package dev.leadbase.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/** The mode's DynamoDB client on a real DynamoDB Local: what it changes, and that one random seed replays it. */
class EventualDynamoTest {
    private static final String TABLE = "Items";
    private static final String WITH_LOCAL_INDEX = "Events";
    private static final String STREAMED = "Streamed";
    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient raw;

    @BeforeAll
    static void start() {
        local = DynamoDBEmbedded.create(Boolean.TRUE);
        raw = local.dynamoDbClient();
        raw.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        raw.createTable(t -> t.tableName(WITH_LOCAL_INDEX).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("at").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("ByAt").projection(p -> p.projectionType(ProjectionType.ALL))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("at").keyType(KeyType.RANGE))));
        raw.createTable(t -> t.tableName(STREAMED).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    @AfterAll
    static void stop() {
        local.shutdownNow();
    }

    private static DynamoDbClient mode(String settings) {
        AwsSemantics s = AwsSemantics.parse(settings);
        return EventualDynamo.around(raw, s, new Dice(s.seed()), SdkRetries.dynamoDefaults());
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    /** Whether each of {@code n} fresh items read back right after its write, without ConsistentRead, was there. */
    private static List<Boolean> readsRightAfterWrites(DynamoDbClient dynamo, String prefix, int n) {
        List<Boolean> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String pk = prefix + i;
            dynamo.putItem(p -> p.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromN("1"))));
            seen.add(dynamo.getItem(g -> g.tableName(TABLE).key(key(pk))).hasItem());
        }
        return seen;
    }

    @Test
    void eventualReadsMaySeeTheItemAsItWasAndConsistentReadsNever() {
        DynamoDbClient dynamo = mode("seed=7,throttleRate=0");
        List<Boolean> eventual = readsRightAfterWrites(dynamo, "a", 40);
        assertTrue(eventual.contains(false) && eventual.contains(true), eventual.toString());

        for (int i = 0; i < 40; i++) {
            String pk = "a" + i;
            assertTrue(dynamo.getItem(g -> g.tableName(TABLE).key(key(pk)).consistentRead(true)).hasItem());
        }
    }

    @Test
    void projectedReadsThatLeaveOutTheKeyAreStillEventual() {
        DynamoDbClient dynamo = mode("seed=13,throttleRate=0");
        List<Boolean> seen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String pk = "p" + i;
            dynamo.putItem(p -> p.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromN("1"))));
            List<Map<String, AttributeValue>> items = dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE,
                    KeysAndAttributes.builder().keys(key(pk)).projectionExpression("#v")
                            .expressionAttributeNames(Map.of("#v", "v")).build()))).responses().get(TABLE);
            items.forEach(item -> assertEquals(Map.of("v", AttributeValue.fromN("1")), item, "only what was asked"));
            seen.add(!items.isEmpty());
            // a projection that names the key already
            assertEquals(key(pk), dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE, KeysAndAttributes.builder()
                    .keys(key(pk)).projectionExpression("pk").consistentRead(true).build()))).responses().get(TABLE).get(0));
            dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE, KeysAndAttributes.builder().keys(key(pk))
                    .projectionExpression("pk, v").build())));
        }
        assertTrue(seen.contains(false) && seen.contains(true), seen.toString());
    }

    @Test
    void aLocalIndexIsReadConsistentlyWhenAskedAndEventuallyOtherwise() {
        DynamoDbClient dynamo = mode("seed=17,throttleRate=0");
        List<Boolean> eventual = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String pk = "lead" + i;
            dynamo.putItem(p -> p.tableName(WITH_LOCAL_INDEX).item(Map.of("pk", AttributeValue.fromS(pk),
                    "sk", AttributeValue.fromS("e1"), "at", AttributeValue.fromN("1"))));
            assertEquals(1, dynamo.query(q -> q.tableName(WITH_LOCAL_INDEX).indexName("ByAt").consistentRead(true)
                    .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))))
                    .count(), "a consistent read of a local index sees the write");
            eventual.add(dynamo.query(q -> q.tableName(WITH_LOCAL_INDEX).indexName("ByAt")
                    .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))))
                    .count() == 1);
        }
        assertTrue(eventual.contains(false) && eventual.contains(true), eventual.toString());
    }

    @Test
    void streamRecordsLagEachOnItsOwnAndKeepTheirOrder() throws InterruptedException {
        AwsSemantics s = AwsSemantics.parse("seed=19,throttleRate=0,streamLagMs=500");
        DynamoDbStreamsClient streams = LaggingStreams.around(local.dynamoDbStreamsClient(), s, new Dice(s.seed()));
        String arn = raw.describeTable(d -> d.tableName(STREAMED)).table().latestStreamArn();
        String shard = streams.describeStream(d -> d.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(g -> g.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        int writes = 60;
        for (int i = 0; i < writes; i++) {
            String pk = String.format("s%02d", i);
            raw.putItem(p -> p.tableName(STREAMED).item(key(pk)));
        }
        long start = System.nanoTime();
        List<String> seen = new ArrayList<>();
        String[] last = {null};
        while (seen.size() < writes && System.nanoTime() - start < 10_000_000_000L) {
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page;
                try {
                    page = streams.getRecords(g -> g.shardIterator(current));
                } catch (TrimmedDataAccessException | ExpiredIteratorException e) {
                    // DynamoDB Local drops iterators at times: resume after the last record, as the runtime's poller does
                    iterator = streams.getShardIterator(g -> g.streamArn(arn).shardId(shard).shardIteratorType(
                            last[0] == null ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .sequenceNumber(last[0])).shardIterator();
                    continue;
                }
                page.records().forEach(r -> {
                    seen.add(r.dynamodb().keys().get("pk").s());
                    last[0] = r.dynamodb().sequenceNumber();
                });
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            expected.add(String.format("s%02d", i));
        }
        assertEquals(expected, seen, "every record, once, in order");
        // a backlog drains within about one lag, not one lag per record
        assertTrue(tookMs < 3_000, "took " + tookMs + " ms");
    }

    @Test
    void theSameRandomSeedMakesTheSameChoices() {
        // a stale window far longer than any pause of a loaded machine: the choices depend on the seed alone
        List<Boolean> first = readsRightAfterWrites(mode("seed=11,throttleRate=0,staleMs=60000"), "b", 30);
        for (int i = 0; i < 30; i++) {
            String pk = "b" + i;
            raw.deleteItem(d -> d.tableName(TABLE).key(key(pk)));
        }

        List<Boolean> replay = readsRightAfterWrites(mode("seed=11,throttleRate=0,staleMs=60000"), "b", 30);

        assertTrue(first.contains(false), first.toString());
        assertEquals(first, replay);
    }

    @Test
    void throttledCallsAreAbsorbedByTheSdkRetryPolicy() {
        DynamoDbClient dynamo = mode("seed=3,throttleRate=0.2,staleMs=0,indexLagMs=0");
        for (int i = 0; i < 12; i++) {
            String pk = "t" + i;
            dynamo.putItem(p -> p.tableName(TABLE).item(key(pk)));
            assertTrue(dynamo.getItem(g -> g.tableName(TABLE).key(key(pk)).consistentRead(true)).hasItem());
        }
    }

    @Test
    void overlappingTransactionsOnOneItemConflict() throws Exception {
        DynamoDbClient dynamo = mode("seed=5,throttleRate=0,holdMs=50");
        int writers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().update(u -> u.tableName(TABLE)
                            .key(key("counter")).updateExpression("ADD n :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
                    return "applied";
                } catch (TransactionCanceledException e) {
                    return e.cancellationReasons().get(0).code();
                }
            }));
        }
        go.countDown();
        List<String> seen = new ArrayList<>();
        for (Future<String> f : outcomes) {
            seen.add(f.get());
        }
        pool.shutdown();
        assertTrue(seen.contains("applied") && seen.contains("TransactionConflict"), seen.toString());
        long applied = seen.stream().filter("applied"::equals).count();
        assertEquals(String.valueOf(applied), raw.getItem(g -> g.tableName(TABLE).key(key("counter")).consistentRead(true))
                .item().get("n").n());
    }

    @Test
    void settingsAreCheckedAndReadBack() {
        AwsSemantics s = AwsSemantics.parse("seed=9,lagMs=300,throttleRate=0");
        assertEquals(300, s.staleMs());
        assertEquals(300, s.indexLagMs());
        assertEquals(s, AwsSemantics.parse(s.toString()));
        assertEquals(42, AwsSemantics.parse("42").seed());
        assertThrows(IllegalArgumentException.class, () -> AwsSemantics.parse("seed=1,bogus=2"));
        assertThrows(IllegalArgumentException.class, () -> AwsSemantics.parse("staleRate=2"));
    }
}
