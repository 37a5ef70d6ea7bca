package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.retry.Backoff;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem of puts and deletes to one table: {@value #REQUESTS_PER_CALL} requests a call, and the requests
 * DynamoDB leaves unprocessed sent again after a short pause.
 */
public final class BatchWrite {
    /** The most requests one BatchWriteItem takes. */
    public static final int REQUESTS_PER_CALL = 25;
    private static final int ATTEMPTS = 8;

    private BatchWrite() {
    }

    /** Writes every request; throws when DynamoDB still leaves some unprocessed after {@value #ATTEMPTS} calls of a batch. */
    public static void all(DynamoDbClient dynamo, String table, List<WriteRequest> requests) {
        for (int i = 0; i < requests.size(); i += REQUESTS_PER_CALL) {
            List<WriteRequest> left = call(dynamo, table, requests.subList(i, Math.min(requests.size(), i + REQUESTS_PER_CALL)),
                    ATTEMPTS);
            if (!left.isEmpty()) {
                throw new IllegalStateException("DynamoDB left " + left.size() + " writes to " + table
                        + " unprocessed after " + ATTEMPTS + " attempts");
            }
        }
    }

    /**
     * Sends {@code batch} (at most {@value #REQUESTS_PER_CALL} requests) in one BatchWriteItem, then what DynamoDB
     * left unprocessed again after a pause, in {@code attempts} calls at most. Answers what is still unprocessed
     * (empty once everything is written).
     */
    public static List<WriteRequest> call(DynamoDbClient dynamo, String table, List<WriteRequest> batch, int attempts) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<WriteRequest> sending = pending;
            Map<String, List<WriteRequest>> unprocessed =
                    dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, sending))).unprocessedItems();
            pending = unprocessed == null ? List.of() : unprocessed.getOrDefault(table, List.of());
            if (pending.isEmpty() || attempt == attempts) {
                break;
            }
            Backoff.pause(attempt);
        }
        return pending;
    }
}
