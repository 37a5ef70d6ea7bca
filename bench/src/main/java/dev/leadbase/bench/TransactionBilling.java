package dev.leadbase.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The write units AWS bills for a {@code TransactWriteItems}, from the items as they were before and after it.
 * DynamoDB Local reports a transaction as 4 units per started KB of everything it wrote to a table, and again to each
 * index (one small item: 4; two small items: 4). AWS bills each item of the transaction twice, a prepare and a commit
 * write (developer guide, "Amazon DynamoDB Transactions: How it works", "Capacity management for transactions"): 2 ×
 * the item's started KB, the larger of before and after (one small item: 2; two: 4). A secondary index entry is not
 * an item of the transaction: its changes propagate to the indexes after the transaction completes (same page,
 * "TransactWriteItems API"), so each entry the write adds, removes, moves (delete + put) or changes is billed as any
 * index write, 1 × its started KB. The open DynamoDB emulator dynoxide records the same from a capture against AWS:
 * the 2× applies to the base table's arm alone (nubo-db/dynoxide#188). Non-transactional calls are not billed here:
 * DynamoDB Local reports them as AWS does.
 */
final class TransactionBilling {
    private static final int KB = 1024;
    /** Prepare and commit: the items of a transaction only, not their index entries. */
    private static final int TRANSACTIONAL = 2;

    private final DynamoDbClient dynamo;
    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

    TransactionBilling(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** One item a transaction writes: its table and key. */
    record Target(String table, Map<String, AttributeValue> key) {
    }

    /** The items {@code writes} touch, keyed as their tables key them. */
    List<Target> targets(List<TransactWriteItem> writes) {
        List<Target> out = new ArrayList<>();
        for (TransactWriteItem w : writes) {
            if (w.put() != null) {
                Shape shape = shape(w.put().tableName());
                Map<String, AttributeValue> key = new HashMap<>();
                shape.keys().forEach(k -> key.put(k, w.put().item().get(k)));
                out.add(new Target(w.put().tableName(), key));
            } else if (w.update() != null) {
                out.add(new Target(w.update().tableName(), w.update().key()));
            } else if (w.delete() != null) {
                out.add(new Target(w.delete().tableName(), w.delete().key()));
            } else if (w.conditionCheck() != null) {
                out.add(new Target(w.conditionCheck().tableName(), w.conditionCheck().key()));
            }
        }
        return out;
    }

    /** The items as stored now (an absent item is an empty map), read consistently and not metered. */
    List<Map<String, AttributeValue>> images(List<Target> targets) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (Target t : targets) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(t.table()).key(t.key()).consistentRead(true)).item();
            out.add(item == null ? Map.of() : item);
        }
        return out;
    }

    /**
     * Write units by table and index ({@code table} or {@code table.index}) of a transaction that took the items from
     * {@code before} to {@code after}: each item 2 × its started KB, each index entry it changes 1 ×; a condition check
     * bills as a write of the item checked.
     */
    Map<String, Double> units(List<TransactWriteItem> writes, List<Target> targets,
                              List<Map<String, AttributeValue>> before, List<Map<String, AttributeValue>> after) {
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            String table = targets.get(i).table();
            Map<String, AttributeValue> old = before.get(i);
            Map<String, AttributeValue> now = after.get(i);
            int itemUnits = Math.max(1, Math.max(kb(size(old)), kb(size(now))));
            units.merge(table, (double) TRANSACTIONAL * itemUnits, Double::sum);
            if (writes.get(i).conditionCheck() != null) {
                continue;
            }
            for (Index index : shape(table).indexes()) {
                int entryUnits = index.units(old, now, shape(table).keys());
                if (entryUnits > 0) {
                    units.merge(table + "." + index.name(), (double) entryUnits, Double::sum);
                }
            }
        }
        return units;
    }

    private Shape shape(String table) {
        return shapes.computeIfAbsent(table, t -> Shape.of(dynamo.describeTable(r -> r.tableName(t)).table()));
    }

    /** A table's key attributes and its global secondary indexes. */
    private record Shape(List<String> keys, List<Index> indexes) {
        static Shape of(TableDescription d) {
            List<Index> indexes = new ArrayList<>();
            for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
                indexes.add(Index.of(g.indexName(), g.keySchema(), g.projection()));
            }
            for (LocalSecondaryIndexDescription l : d.localSecondaryIndexes()) {
                indexes.add(Index.of(l.indexName(), l.keySchema(), l.projection()));
            }
            return new Shape(names(d.keySchema()), indexes);
        }

        static List<String> names(List<KeySchemaElement> schema) {
            return schema.stream().map(KeySchemaElement::attributeName).toList();
        }
    }

    /** A secondary index: its key attributes and what it projects. */
    private record Index(String name, List<String> keys, boolean all, Set<String> included) {
        static Index of(String name, List<KeySchemaElement> schema, Projection projection) {
            ProjectionType type = projection.projectionType();
            return new Index(name, Shape.names(schema), type == ProjectionType.ALL,
                    type == ProjectionType.INCLUDE ? Set.copyOf(projection.nonKeyAttributes()) : Set.of());
        }

        /** Units of keeping this index in step with an item that went from {@code old} to {@code now}. */
        int units(Map<String, AttributeValue> old, Map<String, AttributeValue> now, List<String> tableKeys) {
            Map<String, AttributeValue> was = entry(old, tableKeys);
            Map<String, AttributeValue> is = entry(now, tableKeys);
            if (was == null && is == null) {
                return 0;
            }
            if (was == null) {
                return Math.max(1, kb(size(is)));
            }
            if (is == null) {
                return Math.max(1, kb(size(was)));
            }
            boolean moved = keys.stream().anyMatch(k -> !was.get(k).equals(is.get(k)));
            if (moved) {
                return Math.max(1, kb(size(was))) + Math.max(1, kb(size(is)));
            }
            return was.equals(is) ? 0 : Math.max(1, Math.max(kb(size(was)), kb(size(is))));
        }

        /** The entry an item has in this index; null when it lacks a key attribute (sparse index). */
        private Map<String, AttributeValue> entry(Map<String, AttributeValue> item, List<String> tableKeys) {
            if (item.isEmpty() || !item.keySet().containsAll(keys)) {
                return null;
            }
            if (all) {
                return item;
            }
            Map<String, AttributeValue> entry = new HashMap<>();
            item.forEach((name, value) -> {
                if (keys.contains(name) || tableKeys.contains(name) || included.contains(name)) {
                    entry.put(name, value);
                }
            });
            return entry;
        }
    }

    private static int kb(long bytes) {
        return (int) ((bytes + KB - 1) / KB);
    }

    /** An item's size as DynamoDB counts it: attribute names plus values (developer guide, "Item sizes"). */
    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += utf8(e.getKey()) + size(e.getValue());
        }
        return bytes;
    }

    static long size(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(TransactionBilling::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(TransactionBilling::number).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(e -> 1 + size(e)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
        }
        return 0;
    }

    /** About one byte per two significant digits, plus one. */
    private static long number(String n) {
        String digits = n.replaceAll("[^0-9]", "").replaceAll("^0+", "").replaceAll("0+$", "");
        return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
