package dev.leadbase.local.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local's stream records carry an ApproximateCreationDateTime that DynamoDB's clients read as a time tens of
 * thousands of years ahead (Local answers it in milliseconds, coarsely, where DynamoDB answers epoch seconds). Such a
 * time is replaced by the time the record was first read, to the second as DynamoDB gives it, and kept for later
 * reads of the same record, so that consumers see the time of the change as on AWS.
 */
public final class StreamRecordTimes implements InvocationHandler {
    private static final long PLAUSIBLE_AHEAD_SECONDS = 86_400;
    private final DynamoDbStreamsClient delegate;
    private final Map<String, Instant> firstRead = new ConcurrentHashMap<>();

    private StreamRecordTimes(DynamoDbStreamsClient delegate) {
        this.delegate = delegate;
    }

    public static DynamoDbStreamsClient around(DynamoDbStreamsClient delegate) {
        return (DynamoDbStreamsClient) Proxy.newProxyInstance(DynamoDbStreamsClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbStreamsClient.class}, new StreamRecordTimes(delegate));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && args[0] instanceof GetRecordsRequest r) {
            GetRecordsResponse response = delegate.getRecords(r);
            return response.toBuilder().records(response.records().stream().map(this::plausible).toList()).build();
        }
        return Delegation.passOn(proxy, method, args, delegate);
    }

    private Record plausible(Record record) {
        Instant at = record.dynamodb() == null ? null : record.dynamodb().approximateCreationDateTime();
        Instant now = Instant.now();
        if (at == null || !at.isAfter(now.plusSeconds(PLAUSIBLE_AHEAD_SECONDS))) {
            return record;
        }
        Instant read = firstRead.computeIfAbsent(record.eventID(), id -> now.truncatedTo(ChronoUnit.SECONDS));
        return record.toBuilder().dynamodb(record.dynamodb().toBuilder().approximateCreationDateTime(read).build()).build();
    }
}
