package dev.leadbase.core.dynamo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem over any number of keys of one table: 100 distinct keys a request, and the keys
 * DynamoDB leaves unprocessed asked again after a short pause. Missing items are simply absent.
 */
final class BatchGet {
    private static final int KEYS_PER_REQUEST = 100;
    private static final int ATTEMPTS = 8;

    private BatchGet() {
    }

    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table,
                                                   Collection<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += KEYS_PER_REQUEST) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_REQUEST)))
                    .consistentRead(consistent).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left keys of " + table + " unprocessed after " + ATTEMPTS
                            + " attempts");
                }
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    pause(attempt);
                }
            }
        }
        return items;
    }

    /** A short random pause that grows with {@code attempt}: DynamoDB's advice for unprocessed items and conflicts. */
    static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
