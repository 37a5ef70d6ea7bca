package dev.leadbase.local.aws;

import dev.leadbase.local.Pause;
import dev.leadbase.local.aws.ItemHistory.ItemRef;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
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
    private final Faults faults;
    private final StaleReads reads;
    private final InFlight inFlight = new InFlight();

    private EventualDynamo(DynamoDbClient delegate, AwsSemantics settings, Dice dice, SdkRetries retries) {
        this.delegate = delegate;
        this.settings = settings;
        this.dice = dice;
        this.retries = retries;
        this.schemas = new TableSchemas(delegate);
        this.history = new ItemHistory(Math.max(settings.staleMs(), settings.indexLagMs()));
        this.faults = new Faults(settings, dice);
        this.reads = new StaleReads(delegate, settings, dice, schemas, history, faults);
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
            case GetItemRequest r -> reads.getItem(r);
            case QueryRequest r -> reads.query(r);
            case ScanRequest r -> reads.scan(r);
            case BatchGetItemRequest r -> reads.batchGetItem(r);
            case TransactGetItemsRequest r -> {
                faults.throttle("TransactGetItems");
                yield delegate.transactGetItems(r);
            }
            case PutItemRequest r -> write("PutItem", List.of(schemas.ref(r.tableName(), schemas.keyOf(r.tableName(), r.item()))),
                    false, () -> delegate.putItem(r));
            case UpdateItemRequest r -> write("UpdateItem", List.of(schemas.ref(r.tableName(), r.key())), false,
                    () -> delegate.updateItem(r));
            case DeleteItemRequest r -> write("DeleteItem", List.of(schemas.ref(r.tableName(), r.key())), false,
                    () -> delegate.deleteItem(r));
            case BatchWriteItemRequest r -> write("BatchWriteItem", refs(r), false, () -> delegate.batchWriteItem(r));
            case TransactWriteItemsRequest r -> write("TransactWriteItems", refs(r), true,
                    () -> delegate.transactWriteItems(r));
            default -> throw new IllegalStateException("Not handled: " + request.getClass().getSimpleName());
        };
    }

    // ------------------------------------------------------------------ writes

    private <T> T write(String operation, List<ItemRef> refs, boolean transaction, Supplier<T> call) {
        faults.throttle(operation);
        for (ItemRef ref : refs) {
            if (!history.known(ref)) {
                history.base(ref, current(ref));
            }
        }
        T result;
        inFlight.enter(refs, transaction);
        try {
            if (transaction && settings.holdMs() > 0 && !Pause.sleep(settings.holdMs())) {
                throw new IllegalStateException("interrupted while holding a write");
            }
            result = call.get();
        } finally {
            inFlight.leave(refs, transaction);
        }
        // the versions are the mode's bookkeeping, not part of the write: taken once it is out of flight
        long at = System.nanoTime();
        for (ItemRef ref : new LinkedHashSet<>(refs)) {
            history.written(ref, at, current(ref));
        }
        return result;
    }

    private Map<String, AttributeValue> current(ItemRef ref) {
        GetItemResponse response = delegate.getItem(g -> g.tableName(ref.table()).key(ref.key()).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Map.copyOf(response.item()) : null;
    }

    private List<ItemRef> refs(BatchWriteItemRequest r) {
        List<ItemRef> refs = new ArrayList<>();
        r.requestItems().forEach((table, writes) -> {
            for (WriteRequest w : writes) {
                refs.add(schemas.ref(table, w.putRequest() != null ? schemas.keyOf(table, w.putRequest().item())
                        : w.deleteRequest().key()));
            }
        });
        return refs;
    }

    private List<ItemRef> refs(TransactWriteItemsRequest r) {
        List<ItemRef> refs = new ArrayList<>();
        for (TransactWriteItem t : r.transactItems()) {
            if (t.put() != null) {
                refs.add(schemas.ref(t.put().tableName(), schemas.keyOf(t.put().tableName(), t.put().item())));
            } else if (t.update() != null) {
                refs.add(schemas.ref(t.update().tableName(), t.update().key()));
            } else if (t.delete() != null) {
                refs.add(schemas.ref(t.delete().tableName(), t.delete().key()));
            } else if (t.conditionCheck() != null) {
                refs.add(schemas.ref(t.conditionCheck().tableName(), t.conditionCheck().key()));
            }
        }
        return refs;
    }
}
