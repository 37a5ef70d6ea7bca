package dev.leadbase.local.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

/** Key attributes of tables and their indexes, and what an index projects; described once per table. */
final class TableSchemas {
    /**
     * An index's key attributes and projected attributes (null = all); {@code local} for a local secondary index,
     * which, unlike a global one, can be read consistently.
     */
    record IndexSchema(List<String> keys, Set<String> projected, boolean local) {
    }

    private record Schema(List<String> keys, Map<String, IndexSchema> indexes) {
    }

    private final DynamoDbClient dynamo;
    private final ConcurrentHashMap<String, Schema> schemas = new ConcurrentHashMap<>();

    TableSchemas(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** The item of {@code table} that {@code key} (or a whole item) names. */
    ItemHistory.ItemRef ref(String table, Map<String, AttributeValue> key) {
        return new ItemHistory.ItemRef(table, Map.copyOf(keyOf(table, key)));
    }

    /** The primary key of {@code item} in {@code table}. */
    Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : schema(table).keys()) {
            if (item.containsKey(name)) {
                key.put(name, item.get(name));
            }
        }
        return key;
    }

    /** The names of the table's primary key attributes. */
    List<String> keyNames(String table) {
        return schema(table).keys();
    }

    IndexSchema index(String table, String index) {
        return schema(table).indexes().get(index);
    }

    private Schema schema(String table) {
        return schemas.computeIfAbsent(table, t -> {
            TableDescription d = dynamo.describeTable(r -> r.tableName(t)).table();
            List<String> keys = names(d.keySchema());
            Map<String, IndexSchema> indexes = new HashMap<>();
            for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
                List<String> indexKeys = names(g.keySchema());
                indexes.put(g.indexName(), new IndexSchema(indexKeys, projected(keys, indexKeys, g.projection()), false));
            }
            for (LocalSecondaryIndexDescription l : d.localSecondaryIndexes()) {
                List<String> indexKeys = names(l.keySchema());
                indexes.put(l.indexName(), new IndexSchema(indexKeys, projected(keys, indexKeys, l.projection()), true));
            }
            return new Schema(keys, indexes);
        });
    }

    private static Set<String> projected(List<String> tableKeys, List<String> indexKeys, Projection projection) {
        if (projection.projectionType() == ProjectionType.ALL) {
            return null;
        }
        Set<String> projected = new LinkedHashSet<>(tableKeys);
        projected.addAll(indexKeys);
        projected.addAll(projection.nonKeyAttributes());
        return projected;
    }

    private static List<String> names(List<KeySchemaElement> schema) {
        List<String> names = new ArrayList<>();
        schema.forEach(k -> names.add(k.attributeName()));
        return names;
    }
}
