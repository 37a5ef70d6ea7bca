package dev.leadbase.local.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB Streams client whose records become readable only a while after they were written: each record is
 * held back for up to {@code streamLagMs} from the moment it was first fetched, and the records behind it with it,
 * so that the order within a shard is kept.
 */
final class LaggingStreams implements InvocationHandler {
    private record Shard(String streamArn, String shardId) {
    }

    private final DynamoDbStreamsClient delegate;
    private final AwsSemantics settings;
    private final Dice dice;
    private final Map<String, Shard> shardOfIterator = new ConcurrentHashMap<>();
    private final Map<String, Long> dueAt = new ConcurrentHashMap<>();

    private LaggingStreams(DynamoDbStreamsClient delegate, AwsSemantics settings, Dice dice) {
        this.delegate = delegate;
        this.settings = settings;
        this.dice = dice;
    }

    static DynamoDbStreamsClient around(DynamoDbStreamsClient delegate, AwsSemantics settings, Dice dice) {
        return (DynamoDbStreamsClient) Proxy.newProxyInstance(DynamoDbStreamsClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbStreamsClient.class}, new LaggingStreams(delegate, settings, dice));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && args[0] instanceof GetShardIteratorRequest r) {
            GetShardIteratorResponse response = delegate.getShardIterator(r);
            remember(response.shardIterator(), new Shard(r.streamArn(), r.shardId()));
            return response;
        }
        if (args != null && args.length == 1 && args[0] instanceof GetRecordsRequest r) {
            return getRecords(r);
        }
        return Delegation.passOn(proxy, method, args, delegate);
    }

    private GetRecordsResponse getRecords(GetRecordsRequest r) {
        GetRecordsResponse response = delegate.getRecords(r);
        Shard shard = shardOfIterator.get(r.shardIterator());
        remember(response.nextShardIterator(), shard);
        List<Record> records = response.records();
        if (records.isEmpty() || shard == null || settings.streamLagMs() == 0) {
            return response;
        }
        long now = System.nanoTime();
        int ready = 0;
        boolean held = false;
        for (Record record : records) {
            // every record's lag runs from the moment it was first seen, not from when the records before it came out
            String sequence = record.dynamodb().sequenceNumber();
            long due = dueAt.computeIfAbsent(shard.streamArn() + "|" + sequence, k -> now
                    + dice.upTo(settings.streamLagMs(), "streamLag|" + k) * 1_000_000L);
            held |= due > now;
            if (!held) {
                ready++;
            }
        }
        if (ready == records.size()) {
            forget(records, shard);
            return response;
        }
        // resume at the first record held back
        String heldFrom = records.get(ready).dynamodb().sequenceNumber();
        String next = delegate.getShardIterator(GetShardIteratorRequest.builder().streamArn(shard.streamArn())
                .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(heldFrom).build()).shardIterator();
        remember(next, shard);
        forget(records.subList(0, ready), shard);
        return response.toBuilder().records(records.subList(0, ready)).nextShardIterator(next).build();
    }

    private void remember(String iterator, Shard shard) {
        if (iterator != null && shard != null) {
            if (shardOfIterator.size() > 100_000) {
                shardOfIterator.clear();
            }
            shardOfIterator.put(iterator, shard);
        }
    }

    private void forget(List<Record> delivered, Shard shard) {
        delivered.forEach(record -> dueAt.remove(shard.streamArn() + "|" + record.dynamodb().sequenceNumber()));
    }
}
