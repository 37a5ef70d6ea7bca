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
    private final DoubleAdder transactionsReported = new DoubleAdder();
    private final DoubleAdder transactionsBilled = new DoubleAdder();
    private final TransactionBilling billing;
    private final Map<String, DoubleAdder> byTarget = new ConcurrentHashMap<>();
    private final List<DynamoDbRequest> recorded = Collections.synchronizedList(new ArrayList<>());

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
     * Read and write units and calls since the last reset, and the units by table and index (largest first); the write
     * units of transactions as AWS bills them ({@link TransactionBilling}) and as DynamoDB Local reported them.
     */
    record Reading(double readUnits, double writeUnits, long calls, Map<String, Double> byTarget,
                   double transactionUnitsBilled, double transactionUnitsReported) {
    }

    /** The requests passed on since the last call, as the caller made them; clears the record. */
    List<DynamoDbRequest> takeRequests() {
        synchronized (recorded) {
            List<DynamoDbRequest> requests = List.copyOf(recorded);
            recorded.clear();
            return requests;
        }
    }

    /** The reading since the last reset; the recorded requests are dropped too. */
    Reading reset() {
        recorded.clear();
        Map<String, Double> targets = new LinkedHashMap<>();
        byTarget.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sumThenReset()))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> targets.put(e.getKey(), e.getValue()));
        return new Reading(readUnits.sumThenReset(), writeUnits.sumThenReset(), (long) calls.sumThenReset(), targets,
                transactionsBilled.sumThenReset(), transactionsReported.sumThenReset());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && args[0] instanceof TransactWriteItemsRequest transaction) {
            return transaction(transaction);
        }
        Object request = args != null && args.length == 1 ? withCapacity(args[0]) : null;
        if (request == null && method.isDefault()) {
            // builder-consumer overloads and paginators: let them call back through the proxy
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Object response;
        try {
            response = method.invoke(delegate, request == null ? args : new Object[] {request});
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (request != null) {
            recorded.add((DynamoDbRequest) args[0]);
            calls.add(1);
            double units = units(response, this);
            (READS.contains(method.getName()) ? readUnits : writeUnits).add(units);
        }
        return response;
    }

    /**
     * Passes a transaction on and counts the units AWS bills for it, computed from the items before and after
     * (DynamoDB Local reports transactions otherwise: {@link TransactionBilling}); what it reported is kept aside.
     */
    private TransactWriteItemsResponse transaction(TransactWriteItemsRequest request) {
        List<TransactionBilling.Target> targets = billing.targets(request.transactItems());
        List<Map<String, AttributeValue>> before = billing.images(targets);
        TransactWriteItemsResponse response = delegate.transactWriteItems(
                request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
        recorded.add(request);
        calls.add(1);
        if (response.consumedCapacity() != null) {
            response.consumedCapacity().forEach(c -> transactionsReported.add(c.capacityUnits() == null ? 0 : c.capacityUnits()));
        }
        Map<String, Double> billed = billing.units(request.transactItems(), targets, before, billing.images(targets));
        billed.forEach(this::count);
        double total = billed.values().stream().mapToDouble(Double::doubleValue).sum();
        writeUnits.add(total);
        transactionsBilled.add(total);
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

    private static double units(Object response, MeteredDynamo meter) {
        return switch (response) {
            case GetItemResponse r -> meter.units(r.consumedCapacity());
            case QueryResponse r -> meter.units(r.consumedCapacity());
            case PutItemResponse r -> meter.units(r.consumedCapacity());
            case UpdateItemResponse r -> meter.units(r.consumedCapacity());
            case DeleteItemResponse r -> meter.units(r.consumedCapacity());
            case BatchGetItemResponse r -> meter.units(r.consumedCapacity());
            case BatchWriteItemResponse r -> meter.units(r.consumedCapacity());
            case TransactGetItemsResponse r -> meter.units(r.consumedCapacity());
            default -> 0;
        };
    }

    private double units(List<ConsumedCapacity> capacities) {
        return capacities == null ? 0 : capacities.stream().mapToDouble(this::units).sum();
    }

    private double units(ConsumedCapacity capacity) {
        if (capacity == null || capacity.capacityUnits() == null) {
            return 0;
        }
        String table = capacity.tableName();
        if (capacity.table() != null && capacity.table().capacityUnits() != null) {
            count(table, capacity.table().capacityUnits());
        }
        capacity.globalSecondaryIndexes().forEach((index, c) -> count(table + "." + index, c.capacityUnits()));
        return capacity.capacityUnits();
    }

    private void count(String target, Double units) {
        if (units != null) {
            byTarget.computeIfAbsent(target, t -> new DoubleAdder()).add(units);
        }
    }
}
