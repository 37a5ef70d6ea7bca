package dev.leadbase.local.aws;

import dev.leadbase.local.aws.ItemHistory.ItemRef;
import dev.leadbase.local.aws.ItemHistory.Version;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A DynamoDB client over DynamoDB Local that answers as DynamoDB may:
 * <ul>
 *   <li>a GetItem, BatchGetItem, Query or Scan (of a table or a local index) without ConsistentRead may return an item as it was before writes
 *       of the last {@code staleMs} (or not at all, when it was created since);</li>
 *   <li>a query of a global secondary index sees the table as it was up to {@code indexLagMs} ago;</li>
 *   <li>a TransactWriteItems stays in flight {@code holdMs}; a transaction touching one of its items meanwhile is
 *       cancelled with reason TransactionConflict, a single-item write fails with TransactionConflictException;</li>
 *   <li>a share of calls is throttled, under the retry policy of the SDK's DynamoDB client, which retries them.</li>
 * </ul>
 * Every write through it records the item's versions ({@link ItemHistory}); writes made around it are not seen.
 */
final class EventualDynamo implements InvocationHandler {
    private static final Set<String> CALLS = Set.of("getItem", "putItem", "updateItem", "deleteItem", "query", "scan",
            "batchGetItem", "batchWriteItem", "transactWriteItems", "transactGetItems");

    private final DynamoDbClient delegate;
    private final AwsSemantics settings;
    private final Dice dice;
    private final SdkRetries retries;
    private final TableSchemas schemas;
    private final ItemHistory history;
    private final Map<ItemRef, int[]> inFlight = new HashMap<>();

    private EventualDynamo(DynamoDbClient delegate, AwsSemantics settings, Dice dice, SdkRetries retries) {
        this.delegate = delegate;
        this.settings = settings;
        this.dice = dice;
        this.retries = retries;
        this.schemas = new TableSchemas(delegate);
        this.history = new ItemHistory(Math.max(settings.staleMs(), settings.indexLagMs()));
    }

    static DynamoDbClient around(DynamoDbClient delegate, AwsSemantics settings, Dice dice, SdkRetries retries) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, new EventualDynamo(delegate, settings, dice, retries));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && CALLS.contains(method.getName())
                && args[0] instanceof software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest request) {
            return retries.call("dynamodb", () -> handle(request));
        }
        return Delegation.passOn(proxy, method, args, delegate);
    }

    private Object handle(Object request) {
        return switch (request) {
            case GetItemRequest r -> getItem(r);
            case QueryRequest r -> query(r);
            case ScanRequest r -> scan(r);
            case BatchGetItemRequest r -> batchGetItem(r);
            case TransactGetItemsRequest r -> {
                throttle("TransactGetItems");
                yield delegate.transactGetItems(r);
            }
            case PutItemRequest r -> write("PutItem", List.of(ref(r.tableName(), schemas.keyOf(r.tableName(), r.item()))),
                    false, () -> delegate.putItem(r));
            case UpdateItemRequest r -> write("UpdateItem", List.of(ref(r.tableName(), r.key())), false,
                    () -> delegate.updateItem(r));
            case DeleteItemRequest r -> write("DeleteItem", List.of(ref(r.tableName(), r.key())), false,
                    () -> delegate.deleteItem(r));
            case BatchWriteItemRequest r -> write("BatchWriteItem", refs(r), false, () -> delegate.batchWriteItem(r));
            case TransactWriteItemsRequest r -> write("TransactWriteItems", refs(r), true,
                    () -> delegate.transactWriteItems(r));
            default -> throw new IllegalStateException("Not handled: " + request.getClass().getSimpleName());
        };
    }

    // ------------------------------------------------------------------ reads

    private GetItemResponse getItem(GetItemRequest r) {
        throttle("GetItem");
        GetItemResponse response = delegate.getItem(r);
        if (Boolean.TRUE.equals(r.consistentRead())) {
            return response;
        }
        Version stale = staleVersion(ref(r.tableName(), r.key()));
        if (stale == null) {
            return response;
        }
        Set<String> names = Projections.names(r.projectionExpression(), r.expressionAttributeNames(), r.attributesToGet());
        return stale.image() == null ? GetItemResponse.builder().build()
                : GetItemResponse.builder().item(Projections.apply(stale.image(), names)).build();
    }

    private QueryResponse query(QueryRequest r) {
        throttle("Query");
        if (r.select() == Select.COUNT || !global(r.tableName(), r.indexName()) && Boolean.TRUE.equals(r.consistentRead())) {
            return delegate.query(r);
        }
        Read<QueryResponse> read = read(r.tableName(), r.indexName(), r.projectionExpression(), r.expressionAttributeNames(),
                r.attributesToGet(), widened -> delegate.query(widened == null ? r : r.toBuilder()
                        .projectionExpression(widened.expression()).expressionAttributeNames(widened.names())
                        .attributesToGet(widened.attributesToGet()).build()), QueryResponse::items);
        return read.items() == null ? read.response()
                : read.response().toBuilder().items(read.items()).count(read.items().size()).build();
    }

    private ScanResponse scan(ScanRequest r) {
        throttle("Scan");
        if (r.select() == Select.COUNT || !global(r.tableName(), r.indexName()) && Boolean.TRUE.equals(r.consistentRead())) {
            return delegate.scan(r);
        }
        Read<ScanResponse> read = read(r.tableName(), r.indexName(), r.projectionExpression(), r.expressionAttributeNames(),
                r.attributesToGet(), widened -> delegate.scan(widened == null ? r : r.toBuilder()
                        .projectionExpression(widened.expression()).expressionAttributeNames(widened.names())
                        .attributesToGet(widened.attributesToGet()).build()), ScanResponse::items);
        return read.items() == null ? read.response()
                : read.response().toBuilder().items(read.items()).count(read.items().size()).build();
    }

    /** A query's or scan's answer, and the items to answer instead (null: the answer as it is). */
    private record Read<T>(T response, List<Map<String, AttributeValue>> items) {
    }

    /**
     * Runs an eventually consistent query or scan: the items must carry their table key, so that each is matched
     * with its history, so the projection is widened to it, and trimmed back to what was asked afterwards.
     */
    private <T> Read<T> read(String table, String indexName, String projection, Map<String, String> names,
                          List<String> attributesToGet, Function<Projections.Widened, T> call,
                          Function<T, List<Map<String, AttributeValue>>> itemsOf) {
        Set<String> asked = Projections.names(projection, names, attributesToGet);
        Projections.Widened widened = Projections.widen(projection, names, attributesToGet, schemas.keyNames(table));
        T response = call.apply(widened);
        List<Map<String, AttributeValue>> items = seen(table, indexName, itemsOf.apply(response), asked);
        if (items == null && widened == null) {
            return new Read<>(response, null);
        }
        return new Read<>(response, trimmed(items == null ? itemsOf.apply(response) : items, asked));
    }

    /** Whether {@code indexName} names a global secondary index, which no read sees consistently. */
    private boolean global(String table, String indexName) {
        return indexName != null && !schemas.index(table, indexName).local();
    }

    /** The items cut down to what the read asked for (the mode widened it to the table key). */
    private static List<Map<String, AttributeValue>> trimmed(List<Map<String, AttributeValue>> items, Set<String> asked) {
        if (asked == null) {
            return items;
        }
        List<Map<String, AttributeValue>> out = new ArrayList<>(items.size());
        items.forEach(item -> out.add(Projections.apply(item, asked)));
        return out;
    }

    /**
     * The items of a query or scan page as an eventually consistent read may see them, or null when unchanged:
     * on the table and its local indexes, each recently written item may be stale; on a global index, the whole page
     * is as of a moment ago, and an item whose index key changed since, or that did not exist then, is not in it.
     */
    private List<Map<String, AttributeValue>> seen(String table, String indexName, List<Map<String, AttributeValue>> page,
                                                  Set<String> projection) {
        TableSchemas.IndexSchema any = indexName == null ? null : schemas.index(table, indexName);
        TableSchemas.IndexSchema index = any == null || any.local() ? null : any;
        long now = System.nanoTime();
        long asOf = index == null ? 0 : now - dice.upTo(settings.indexLagMs() * 1_000_000L, "indexLag|" + table + "|" + indexName);
        Set<String> names = projection != null ? projection : any == null ? null : any.projected();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        boolean changed = false;
        for (Map<String, AttributeValue> item : page) {
            ItemRef ref = ref(table, schemas.keyOf(table, item));
            Version version = index == null ? staleVersion(ref) : history.asOf(ref, asOf);
            if (version == null) {
                items.add(item);
                continue;
            }
            changed = true;
            if (version.image() == null || index != null && !sameKey(index.keys(), version.image(), item)) {
                continue;
            }
            items.add(Projections.apply(version.image(), names));
        }
        return changed ? items : null;
    }

    private static boolean sameKey(List<String> keys, Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        for (String key : keys) {
            if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    private BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        throttle("BatchGetItem");
        // eventually consistent reads are widened to the table key, so that each item is matched with its history
        Map<String, KeysAndAttributes> sent = new LinkedHashMap<>();
        r.requestItems().forEach((table, ka) -> {
            Projections.Widened widened = Boolean.TRUE.equals(ka.consistentRead()) ? null : Projections.widen(
                    ka.projectionExpression(), ka.expressionAttributeNames(), ka.attributesToGet(), schemas.keyNames(table));
            sent.put(table, widened == null ? ka : ka.toBuilder().projectionExpression(widened.expression())
                    .expressionAttributeNames(widened.names()).attributesToGet(widened.attributesToGet()).build());
        });
        BatchGetItemResponse response = delegate.batchGetItem(r.toBuilder().requestItems(sent).build());
        if (response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()) {
            // hand back the keys as they were asked
            Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
            response.unprocessedKeys().forEach((table, ka) -> unprocessed.put(table,
                    r.requestItems().get(table).toBuilder().keys(ka.keys()).build()));
            response = response.toBuilder().unprocessedKeys(unprocessed).build();
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>(response.responses());
        boolean changed = false;
        for (Map.Entry<String, KeysAndAttributes> asked : r.requestItems().entrySet()) {
            KeysAndAttributes ka = asked.getValue();
            if (Boolean.TRUE.equals(ka.consistentRead())) {
                continue;
            }
            String table = asked.getKey();
            Set<String> names = Projections.names(ka.projectionExpression(), ka.expressionAttributeNames(), ka.attributesToGet());
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new LinkedHashMap<>();
            responses.getOrDefault(table, List.of()).forEach(item -> found.put(schemas.keyOf(table, item), item));
            List<Map<String, AttributeValue>> unprocessed = response.hasUnprocessedKeys()
                    && response.unprocessedKeys().containsKey(table) ? response.unprocessedKeys().get(table).keys() : List.of();
            boolean tableChanged = false;
            for (Map<String, AttributeValue> key : ka.keys()) {
                if (unprocessed.contains(key)) {
                    continue;
                }
                Version stale = staleVersion(ref(table, key));
                if (stale == null) {
                    continue;
                }
                tableChanged = true;
                Map<String, AttributeValue> normalised = schemas.keyOf(table, key);
                if (stale.image() == null) {
                    found.remove(normalised);
                } else {
                    found.put(normalised, Projections.apply(stale.image(), names));
                }
            }
            if (tableChanged || names != null) {
                responses.put(table, trimmed(new ArrayList<>(found.values()), names));
                changed = true;
            }
        }
        return changed ? response.toBuilder().responses(responses).build() : response;
    }

    /** The version a read without ConsistentRead answers for {@code ref}, or null for the latest. */
    private Version staleVersion(ItemRef ref) {
        long window = settings.staleMs() * 1_000_000L;
        long now = System.nanoTime();
        if (window == 0 || !history.changedSince(ref, now - window)) {
            return null;
        }
        String name = ref.table() + "|" + ref.key();
        if (!dice.chance(settings.staleRate(), "stale|" + name)) {
            return null;
        }
        return history.asOf(ref, now - dice.upTo(window, "staleAt|" + name));
    }

    // ------------------------------------------------------------------ writes

    private <T> T write(String operation, List<ItemRef> refs, boolean transaction, Supplier<T> call) {
        throttle(operation);
        for (ItemRef ref : refs) {
            if (!history.known(ref)) {
                history.base(ref, current(ref));
            }
        }
        T result;
        enter(refs, transaction);
        try {
            if (transaction && settings.holdMs() > 0) {
                sleep(settings.holdMs());
            }
            result = call.get();
        } finally {
            leave(refs, transaction);
        }
        // the versions are the mode's bookkeeping, not part of the write: taken once it is out of flight
        long at = System.nanoTime();
        for (ItemRef ref : new LinkedHashSet<>(refs)) {
            history.written(ref, at, current(ref));
        }
        return result;
    }

    /**
     * Registers the writes as in flight, or refuses them as DynamoDB does: a transaction conflicts with any write in
     * flight on one of its items, a single-item write with a transaction in flight on its item.
     */
    private void enter(List<ItemRef> refs, boolean transaction) {
        synchronized (inFlight) {
            List<Boolean> conflicts = new ArrayList<>();
            boolean any = false;
            for (ItemRef ref : refs) {
                int[] counts = inFlight.get(ref);
                boolean conflict = counts != null && (counts[1] > 0 || transaction && counts[0] > 0);
                conflicts.add(conflict);
                any |= conflict;
            }
            if (any) {
                throw transaction ? cancelled(conflicts) : TransactionConflictException.builder()
                        .message("Transaction is ongoing for the item")
                        .awsErrorDetails(error("TransactionConflictException", "Transaction is ongoing for the item"))
                        .statusCode(400).build();
            }
            for (ItemRef ref : refs) {
                inFlight.computeIfAbsent(ref, k -> new int[2])[transaction ? 1 : 0]++;
            }
        }
    }

    private void leave(List<ItemRef> refs, boolean transaction) {
        synchronized (inFlight) {
            for (ItemRef ref : refs) {
                int[] counts = inFlight.get(ref);
                if (counts != null && --counts[transaction ? 1 : 0] <= 0 && counts[0] <= 0 && counts[1] <= 0) {
                    inFlight.remove(ref);
                }
            }
        }
    }

    private static TransactionCanceledException cancelled(List<Boolean> conflicts) {
        List<CancellationReason> reasons = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (boolean conflict : conflicts) {
            String code = conflict ? "TransactionConflict" : "None";
            codes.add(code);
            reasons.add(conflict ? CancellationReason.builder().code(code).message("Transaction is ongoing for the item").build()
                    : CancellationReason.builder().code(code).build());
        }
        String message = "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes;
        return (TransactionCanceledException) TransactionCanceledException.builder().cancellationReasons(reasons)
                .message(message).awsErrorDetails(error("TransactionCanceledException", message)).statusCode(400).build();
    }

    private void throttle(String operation) {
        if (!dice.chance(settings.throttleRate(), "throttle|" + operation)) {
            return;
        }
        if (operation.startsWith("Transact")) {
            throw DynamoDbException.builder().message("Throughput exceeds the current capacity for one or more global secondary indexes")
                    .awsErrorDetails(error("ThrottlingException", "Rate of requests exceeds the allowed throughput."))
                    .statusCode(400).build();
        }
        throw ProvisionedThroughputExceededException.builder()
                .message("The level of configured provisioned throughput for the table was exceeded")
                .awsErrorDetails(error("ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded"))
                .statusCode(400).build();
    }

    private static AwsErrorDetails error(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build();
    }

    private Map<String, AttributeValue> current(ItemRef ref) {
        GetItemResponse response = delegate.getItem(g -> g.tableName(ref.table()).key(ref.key()).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Map.copyOf(response.item()) : null;
    }

    private List<ItemRef> refs(BatchWriteItemRequest r) {
        List<ItemRef> refs = new ArrayList<>();
        r.requestItems().forEach((table, writes) -> {
            for (WriteRequest w : writes) {
                refs.add(ref(table, w.putRequest() != null ? schemas.keyOf(table, w.putRequest().item())
                        : w.deleteRequest().key()));
            }
        });
        return refs;
    }

    private List<ItemRef> refs(TransactWriteItemsRequest r) {
        List<ItemRef> refs = new ArrayList<>();
        for (TransactWriteItem t : r.transactItems()) {
            if (t.put() != null) {
                refs.add(ref(t.put().tableName(), schemas.keyOf(t.put().tableName(), t.put().item())));
            } else if (t.update() != null) {
                refs.add(ref(t.update().tableName(), t.update().key()));
            } else if (t.delete() != null) {
                refs.add(ref(t.delete().tableName(), t.delete().key()));
            } else if (t.conditionCheck() != null) {
                refs.add(ref(t.conditionCheck().tableName(), t.conditionCheck().key()));
            }
        }
        return refs;
    }

    private ItemRef ref(String table, Map<String, AttributeValue> key) {
        return new ItemRef(table, Map.copyOf(schemas.keyOf(table, key)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
