package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.retry.Backoff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem over any number of keys of one or more tables: 100 distinct keys a request, and the keys
 * DynamoDB leaves unprocessed asked again after a short pause. Missing items are simply absent.
 */
public final class BatchGet {
    private static final int KEYS_PER_REQUEST = 100;
    private static final int ATTEMPTS = 8;

    private BatchGet() {
    }

    public static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table,
                                                   Collection<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items(dynamo, Map.of(table, keys), consistent, null, (t, item) -> items.add(item));
        return items;
    }

    /**
     * Hands every item found under {@code keysByTable} to {@code found}, with its table; {@code projection} (or null
     * for whole items) applies to every table. Plain loops: a cold container's first list reads its page here, and
     * each lambda would be one more class to spin.
     */
    public static void items(DynamoDbClient dynamo, Map<String, ? extends Collection<Map<String, AttributeValue>>> keysByTable,
                      boolean consistent, String projection, BiConsumer<String, Map<String, AttributeValue>> found) {
        List<Map.Entry<String, Map<String, AttributeValue>>> all = new ArrayList<>();
        for (Map.Entry<String, ? extends Collection<Map<String, AttributeValue>>> table : keysByTable.entrySet()) {
            for (Map<String, AttributeValue> key : new LinkedHashSet<>(table.getValue())) {
                all.add(Map.entry(table.getKey(), key));
            }
        }
        for (int from = 0; from < all.size(); from += KEYS_PER_REQUEST) {
            Map<String, List<Map<String, AttributeValue>>> chunk = new LinkedHashMap<>();
            int to = Math.min(all.size(), from + KEYS_PER_REQUEST);
            for (Map.Entry<String, Map<String, AttributeValue>> e : all.subList(from, to)) {
                List<Map<String, AttributeValue>> keys = chunk.get(e.getKey());
                if (keys == null) {
                    keys = new ArrayList<>();
                    chunk.put(e.getKey(), keys);
                }
                keys.add(e.getValue());
            }
            Map<String, KeysAndAttributes> request = new LinkedHashMap<>();
            for (Map.Entry<String, List<Map<String, AttributeValue>>> table : chunk.entrySet()) {
                request.put(table.getKey(), KeysAndAttributes.builder().keys(table.getValue())
                        .consistentRead(consistent).projectionExpression(projection).build());
            }
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left keys of " + request.keySet() + " unprocessed after "
                            + ATTEMPTS + " attempts");
                }
                BatchGetItemResponse response =
                        dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                for (Map.Entry<String, List<Map<String, AttributeValue>>> table : response.responses().entrySet()) {
                    for (Map<String, AttributeValue> item : table.getValue()) {
                        found.accept(table.getKey(), item);
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    Backoff.pause(attempt);
                }
            }
        }
    }
}
