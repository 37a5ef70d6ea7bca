package dev.leadbase.local.aws;

import dev.leadbase.local.aws.ItemHistory.ItemRef;
import dev.leadbase.local.aws.ItemHistory.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The reads of {@link EventualDynamo}: without ConsistentRead, an item written in the last {@code staleMs} may be
 * answered as one of its earlier versions ({@link ItemHistory}); a global secondary index answers as of up to
 * {@code indexLagMs} ago.
 */
final class StaleReads {
    private final DynamoDbClient delegate;
    private final AwsSemantics settings;
    private final Dice dice;
    private final TableSchemas schemas;
    private final ItemHistory history;
    private final Faults faults;

    StaleReads(DynamoDbClient delegate, AwsSemantics settings, Dice dice, TableSchemas schemas, ItemHistory history,
               Faults faults) {
        this.delegate = delegate;
        this.settings = settings;
        this.dice = dice;
        this.schemas = schemas;
        this.history = history;
        this.faults = faults;
    }

    GetItemResponse getItem(GetItemRequest r) {
        faults.throttle("GetItem");
        GetItemResponse response = delegate.getItem(r);
        if (Boolean.TRUE.equals(r.consistentRead())) {
            return response;
        }
        Version stale = staleVersion(schemas.ref(r.tableName(), r.key()));
        if (stale == null) {
            return response;
        }
        Set<String> names = Projections.names(r.projectionExpression(), r.expressionAttributeNames(), r.attributesToGet());
        return stale.image() == null ? GetItemResponse.builder().build()
                : GetItemResponse.builder().item(Projections.apply(stale.image(), names)).build();
    }

    QueryResponse query(QueryRequest r) {
        faults.throttle("Query");
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

    ScanResponse scan(ScanRequest r) {
        faults.throttle("Scan");
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
            ItemRef ref = schemas.ref(table, schemas.keyOf(table, item));
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
            if (!Objects.equals(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        faults.throttle("BatchGetItem");
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
                Version stale = staleVersion(schemas.ref(table, key));
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
}
