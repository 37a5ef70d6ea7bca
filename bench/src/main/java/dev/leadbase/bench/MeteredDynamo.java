package dev.leadbase.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB client that asks for the consumed capacity (table and indexes) of every call it passes on and adds
 * it up as read or write units. Paginators and other default methods run through the proxy, so their pages count.
 */
final class MeteredDynamo implements InvocationHandler {
    private static final Set<String> READS = Set.of("getItem", "query", "batchGetItem", "transactGetItems", "scan");

    private final DynamoDbClient delegate;
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder calls = new DoubleAdder();
    private final Map<String, DoubleAdder> byTarget = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> readsByTarget = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> writesByTarget = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> byOperation = new ConcurrentHashMap<>();
    private final List<Call> recorded = Collections.synchronizedList(new ArrayList<>());
    private final DoubleAdder transactionsBilled = new DoubleAdder();
    private final DoubleAdder transactionsReported = new DoubleAdder();
    private final TransactionBilling billing;

    private MeteredDynamo(DynamoDbClient delegate) {
        this.delegate = delegate;
        this.billing = new TransactionBilling(delegate);
    }

    static MeteredDynamo around(DynamoDbClient delegate) {
        return new MeteredDynamo(delegate);
    }

    DynamoDbClient client() {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, this);
    }

    /**
     * Read and write units and calls since the last reset; the units by table and index (reads and writes together,
     * then each apart; largest first, names as DynamoDB reports them: {@code Table} or {@code Table.Index}); and the
     * calls by operation ({@code TransactWriteItems}, {@code Query}, ...; each page of a paginator is a call). Write
     * units of transactions are AWS's ({@link TransactionBilling}); what DynamoDB Local reported for them is kept apart.
     */
    record Reading(double readUnits, double writeUnits, long calls, Map<String, Double> byTarget,
                   Map<String, Double> readsByTarget, Map<String, Double> writesByTarget, Map<String, Double> byOperation,
                   double transactionUnitsBilled, double transactionUnitsReported) {
    }

    /** One call passed on: its operation, the request as the caller made it, and the units it used by table. */
    record Call(String operation, DynamoDbRequest request, Map<String, Double> unitsByTable) {
    }

    /** The requests passed on since the last call, as the caller made them; clears the record. */
    List<DynamoDbRequest> takeRequests() {
        return takeCalls().stream().map(Call::request).toList();
    }

    /** The calls passed on since the last call; clears the record. */
    List<Call> takeCalls() {
        synchronized (recorded) {
            List<Call> calls = List.copyOf(recorded);
            recorded.clear();
            return calls;
        }
    }

    /** The reading since the last reset; the recorded requests are dropped too. */
    Reading reset() {
        recorded.clear();
        return new Reading(readUnits.sumThenReset(), writeUnits.sumThenReset(), (long) calls.sumThenReset(),
                drain(byTarget), drain(readsByTarget), drain(writesByTarget), drain(byOperation),
                transactionsBilled.sumThenReset(), transactionsReported.sumThenReset());
    }

    private static Map<String, Double> drain(Map<String, DoubleAdder> counts) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sumThenReset()))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && args[0] instanceof TransactWriteItemsRequest transaction) {
            return transaction(transaction);
        }
        Object request = args != null && args.length == 1 ? withCapacity(args[0]) : null;
        if (method.isDefault() && (request == null || method.getName().endsWith("Paginator"))) {
            // builder-consumer overloads and paginators: let them call back through the proxy, so each page counts
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Object response;
        try {
            response = method.invoke(delegate, request == null ? args : new Object[] {request});
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (request != null) {
            boolean read = READS.contains(method.getName());
            String operation = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
            calls.add(1);
            byOperation.computeIfAbsent(operation, o -> new DoubleAdder()).add(1);
            Map<String, Double> byTable = new LinkedHashMap<>();
            double units = capacities(response).stream().mapToDouble(c -> units(c, read, byTable)).sum();
            (read ? readUnits : writeUnits).add(units);
            recorded.add(new Call(operation, (DynamoDbRequest) args[0], byTable));
        }
        return response;
    }

    /**
     * Passes a transaction on and counts the write units AWS bills for it, from the items before and after
     * ({@link TransactionBilling}: DynamoDB Local reports transactions otherwise); what it reported is kept aside.
     */
    private TransactWriteItemsResponse transaction(TransactWriteItemsRequest request) {
        List<TransactionBilling.Target> targets = billing.targets(request.transactItems());
        List<Map<String, AttributeValue>> before = billing.images(targets);
        TransactWriteItemsResponse response = delegate.transactWriteItems(
                request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
        calls.add(1);
        byOperation.computeIfAbsent("TransactWriteItems", o -> new DoubleAdder()).add(1);
        capacities(response).forEach(c -> transactionsReported.add(c.capacityUnits() == null ? 0 : c.capacityUnits()));
        Map<String, Double> byTable = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : billing.units(request.transactItems(), targets, before, billing.images(targets)).entrySet()) {
            count(e.getKey(), e.getValue(), false);
            byTable.merge(e.getKey().split("\\.", 2)[0], e.getValue(), Double::sum);
            total += e.getValue();
        }
        writeUnits.add(total);
        transactionsBilled.add(total);
        recorded.add(new Call("TransactWriteItems", request, byTable));
        return response;
    }

    private static Object withCapacity(Object request) {
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        return switch (request) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            default -> null;
        };
    }

    private static List<ConsumedCapacity> capacities(Object response) {
        List<ConsumedCapacity> list = switch (response) {
            case GetItemResponse r -> single(r.consumedCapacity());
            case QueryResponse r -> single(r.consumedCapacity());
            case PutItemResponse r -> single(r.consumedCapacity());
            case UpdateItemResponse r -> single(r.consumedCapacity());
            case DeleteItemResponse r -> single(r.consumedCapacity());
            case BatchGetItemResponse r -> r.consumedCapacity();
            case BatchWriteItemResponse r -> r.consumedCapacity();
            case TransactGetItemsResponse r -> r.consumedCapacity();
            case TransactWriteItemsResponse r -> r.consumedCapacity();
            default -> null;
        };
        return list == null ? List.of() : list;
    }

    private static List<ConsumedCapacity> single(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }

    private double units(ConsumedCapacity capacity, boolean read, Map<String, Double> byTable) {
        if (capacity == null || capacity.capacityUnits() == null) {
            return 0;
        }
        String table = capacity.tableName();
        byTable.merge(table, capacity.capacityUnits(), Double::sum);
        if (capacity.table() != null && capacity.table().capacityUnits() != null) {
            count(table, capacity.table().capacityUnits(), read);
        }
        capacity.globalSecondaryIndexes().forEach((index, c) -> count(table + "." + index, c.capacityUnits(), read));
        capacity.localSecondaryIndexes().forEach((index, c) -> count(table + "." + index, c.capacityUnits(), read));
        return capacity.capacityUnits();
    }

    private void count(String target, Double units, boolean read) {
        if (units != null) {
            byTarget.computeIfAbsent(target, t -> new DoubleAdder()).add(units);
            (read ? readsByTarget : writesByTarget).computeIfAbsent(target, t -> new DoubleAdder()).add(units);
        }
    }
}
