package dev.leadbase.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The DynamoDB calls a number of operations made, with what they used, and figures per operation drawn from them. */
record Metering(MeteredDynamo.Reading reading, List<MeteredDynamo.Call> calls, int operations) {
    /** AWS's write units for an item up to 1 KB: 1, or 2 in a transaction. */
    private static final double ITEM_WRITE_UNITS = 1;
    private static final double TRANSACTIONAL_ITEM_WRITE_UNITS = 2;

    static Metering take(MeteredDynamo meter, int operations) {
        List<MeteredDynamo.Call> calls = meter.takeCalls();
        return new Metering(meter.reset(), calls, operations);
    }

    Map<String, Double> writesByTarget() {
        return perOperation(reading.writesByTarget());
    }

    Map<String, Double> readsByTarget() {
        return perOperation(reading.readsByTarget());
    }

    /** DynamoDB calls per operation. */
    double requests() {
        return (double) reading.calls() / operations;
    }

    /** Calls per operation by API operation, e.g. {@code TransactWriteItems 1.00, Query 0.10}. */
    String requestsByOperation() {
        return format(perOperation(reading.byOperation()));
    }

    /** Units per operation by table and index, the largest first (table names without their stack prefix). */
    String byTarget() {
        return format(perOperation(reading.byTarget()));
    }

    /** Read units per operation by table and index, the largest first. */
    String readsByTargetText() {
        return format(readsByTarget());
    }

    /** Write units per operation by table and index, the largest first. */
    String writesByTargetText() {
        String text = format(writesByTarget());
        if (reading.transactionUnitsReported() > 0) {
            text += String.format(Locale.ROOT, "; of which transactions %.2f by AWS's rule (DynamoDB Local reported %.2f)",
                    reading.transactionUnitsBilled() / operations, reading.transactionUnitsReported() / operations);
        }
        return text;
    }

    private Map<String, Double> perOperation(Map<String, Double> totals) {
        Map<String, Double> out = new LinkedHashMap<>();
        totals.forEach((name, v) -> out.put(name.replaceFirst("^.*?-", ""), v / operations));
        return out;
    }

    static String format(Map<String, Double> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, v) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", v)));
        return out.isEmpty() ? "none" : out.toString();
    }

    /** The most-written item of a hot-item group: its key and its write units per operation. */
    record HotItem(KeyLayout.HotItems group, String item, double unitsPerOperation) {
    }

    /**
     * For each hot-item group written, its most-written item, at AWS's units for an item up to 1 KB (1 a write, 2 in a
     * transaction: DynamoDB reports capacity per table, not per item).
     */
    List<HotItem> hotItems() {
        Map<String, Double> units = new HashMap<>();
        Map<String, KeyLayout.HotItems> groups = new HashMap<>();
        for (ItemWrite w : itemWrites()) {
            String pk = keyValue(w.item(), w.target().partitionKey());
            Optional<KeyLayout.HotItems> group = KeyLayout.hotItems(w.table(), pk);
            if (group.isPresent()) {
                String item = w.target().name() + " " + pk + (w.target().sortKey() == null || group.get().wholeValue() ? ""
                        : " / " + keyValue(w.item(), w.target().sortKey()));
                units.merge(item, w.transactional() ? TRANSACTIONAL_ITEM_WRITE_UNITS : ITEM_WRITE_UNITS, Double::sum);
                groups.put(item, group.get());
            }
        }
        Map<KeyLayout.HotItems, HotItem> hottest = new LinkedHashMap<>();
        units.forEach((item, u) -> hottest.merge(groups.get(item), new HotItem(groups.get(item), item, u / operations),
                (a, b) -> a.unitsPerOperation() >= b.unitsPerOperation() ? a : b));
        return List.copyOf(hottest.values());
    }

    /** Items put per operation in a table whose partition key holds one of these texts, and their write units. */
    record Entries(double items, double writeUnits) {
    }

    /**
     * Puts of items whose partition key contains any of {@code texts} into {@code table}, per operation; their units are
     * each call's units on that table shared out by the number of requests to it.
     */
    Entries puts(String table, List<String> texts) {
        double items = 0;
        double units = 0;
        Map<MeteredDynamo.Call, int[]> byCall = new IdentityHashMap<>();
        for (ItemWrite w : itemWrites()) {
            if (!w.table().replaceFirst("^.*?-", "").equals(table)) {
                continue;
            }
            int[] counts = byCall.computeIfAbsent(w.call(), c -> new int[2]);
            counts[1]++;
            String pk = keyValue(w.item(), w.target().partitionKey());
            if (w.put() && texts.stream().anyMatch(pk::contains)) {
                counts[0]++;
                items++;
            }
        }
        for (var e : byCall.entrySet()) {
            double tableUnits = e.getKey().unitsByTable().entrySet().stream()
                    .filter(u -> u.getKey().replaceFirst("^.*?-", "").equals(table))
                    .mapToDouble(Map.Entry::getValue).sum();
            units += tableUnits * e.getValue()[0] / e.getValue()[1];
        }
        return new Entries(items / operations, units / operations);
    }

    /** One item a call writes (or checks, in a transaction): its table, key or whole item, and how. */
    private record ItemWrite(MeteredDynamo.Call call, String table, Map<String, AttributeValue> item, boolean put,
                             boolean transactional) {
        KeyLayout.Target target() {
            return KeyLayout.target(table);
        }
    }

    private List<ItemWrite> itemWrites() {
        List<ItemWrite> writes = new ArrayList<>();
        for (MeteredDynamo.Call call : calls) {
            switch (call.request()) {
                case PutItemRequest r -> writes.add(new ItemWrite(call, r.tableName(), r.item(), true, false));
                case UpdateItemRequest r -> writes.add(new ItemWrite(call, r.tableName(), r.key(), false, false));
                case DeleteItemRequest r -> writes.add(new ItemWrite(call, r.tableName(), r.key(), false, false));
                case BatchWriteItemRequest r -> r.requestItems().forEach((table, requests) -> {
                    for (WriteRequest w : requests) {
                        boolean put = w.putRequest() != null;
                        writes.add(new ItemWrite(call, table, put ? w.putRequest().item() : w.deleteRequest().key(), put,
                                false));
                    }
                });
                case TransactWriteItemsRequest r -> {
                    for (TransactWriteItem t : r.transactItems()) {
                        writes.add(transactional(call, t));
                    }
                }
                default -> {
                }
            }
        }
        return writes;
    }

    private static ItemWrite transactional(MeteredDynamo.Call call, TransactWriteItem t) {
        if (t.put() != null) {
            return new ItemWrite(call, t.put().tableName(), t.put().item(), true, true);
        }
        if (t.update() != null) {
            return new ItemWrite(call, t.update().tableName(), t.update().key(), false, true);
        }
        if (t.delete() != null) {
            return new ItemWrite(call, t.delete().tableName(), t.delete().key(), false, true);
        }
        return new ItemWrite(call, t.conditionCheck().tableName(), t.conditionCheck().key(), false, true);
    }

    private static String keyValue(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        if (v == null) {
            return "";
        }
        return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
    }
}
