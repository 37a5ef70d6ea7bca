package dev.leadbase.changes.store;

import static dev.leadbase.changes.store.FeedItems.OWNER_ID;
import static dev.leadbase.changes.store.FeedItems.PK;
import static dev.leadbase.changes.store.FeedItems.POSITION;
import static dev.leadbase.changes.store.FeedItems.TYPE;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.FeedFilter;
import dev.leadbase.changes.domain.FeedPage;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.changes.domain.FeedPositions;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A page of a tenant's feed: the partitions' Queries (consistent, after the reader's position in each, filtered by
 * type and owner) merged by position, then partition. Every partition is read at once with a small first limit; a
 * partition is read again only when the merge has taken all it returned and it may hold more, each time with twice
 * the limit, at most {@link #MAX_QUERIES} Queries a page. A partition's new position is its last event taken, or,
 * when every event its Queries returned was taken, the last item they evaluated (events the filter left out are
 * passed too): positions only grow, so nothing before it can appear later.
 */
final class FeedReader {
    private static final int MAX_QUERIES = 4 * FeedPartition.COUNT;
    private static final int MAX_LIMIT = 1000;
    private final DynamoDbClient dynamo;
    private final String table;

    FeedReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    FeedPage read(String tenantId, FeedPositions after, FeedFilter filter, int limit) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < FeedPartition.COUNT; i++) {
            parts.add(new Part(query(FeedItems.partitionKey(tenantId, i), after.of(i), filter),
                    after.of(i), Math.min(limit, (limit + FeedPartition.COUNT - 1) / FeedPartition.COUNT + 4)));
        }
        List<ChangeEvent> page = new ArrayList<>();
        int queries = 0;
        while (page.size() < limit) {
            List<Part> drained = parts.stream().filter(p -> p.buffer.isEmpty() && !p.done).toList();
            if (!drained.isEmpty()) {
                if (queries + drained.size() > MAX_QUERIES) {
                    break; // a short page: the reader asks again from where it stands
                }
                queries += drained.size();
                AtOnce.all(drained.stream().map(p -> (Callable<Void>) () -> read(p)).toList());
                continue;
            }
            Part next = null;
            for (Part p : parts) {
                if (!p.buffer.isEmpty() && (next == null || FeedItems.position(p.buffer.peek())
                        < FeedItems.position(next.buffer.peek()))) {
                    next = p; // ties go to the lower partition: parts are in partition order
                }
            }
            if (next == null) {
                break;
            }
            Map<String, AttributeValue> item = next.buffer.poll();
            next.position = FeedItems.position(item);
            page.add(FeedItems.event(item));
        }
        List<Long> positions = new ArrayList<>();
        boolean more = false;
        for (Part p : parts) {
            if (p.buffer.isEmpty() && p.lastEvaluated > p.position) {
                p.position = p.lastEvaluated;
            }
            positions.add(p.position);
            more |= !p.buffer.isEmpty() || !p.done;
        }
        return new FeedPage(page, new FeedPositions(positions), more);
    }

    private Void read(Part p) {
        QueryRequest request = p.request.toBuilder().limit(p.limit)
                .exclusiveStartKey(p.lastEvaluated > p.after ? FeedItems.key(p.request.expressionAttributeValues()
                        .get(":pk").s(), p.lastEvaluated) : null).build();
        QueryResponse response = dynamo.query(request);
        p.buffer.addAll(response.items());
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            p.lastEvaluated = Items.num(response.lastEvaluatedKey(), POSITION);
        } else {
            p.done = true;
        }
        p.limit = Math.min(MAX_LIMIT, p.limit * 2);
        return null;
    }

    private QueryRequest query(String partitionKey, long after, FeedFilter filter) {
        Expr key = new Expr();
        key.and(key.name(PK) + " = :pk").and(key.name(POSITION) + " > " + key.value(Items.n(after)));
        key.values.put(":pk", AttributeValue.fromS(partitionKey));
        Expr where = key.sibling();
        if (!filter.types().isEmpty()) {
            List<String> types = new ArrayList<>();
            for (ChangeType t : filter.types()) {
                types.add(where.value(AttributeValue.fromS(t.wire())));
            }
            where.and(where.name(TYPE) + " IN (" + String.join(", ", types) + ")");
        }
        if (filter.ownerScope() != null) {
            where.and(where.name(OWNER_ID) + " = " + where.value(AttributeValue.fromS(filter.ownerScope())));
        }
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true).scanIndexForward(true)
                .keyConditionExpression(key.joined(" AND ")).expressionAttributeNames(key.names)
                .expressionAttributeValues(key.values);
        if (!where.isEmpty()) {
            q.filterExpression(where.joined(" AND "));
        }
        return q.build();
    }

    /** One partition's Query: the events read and not yet taken, how far it has evaluated, its next limit. */
    private static final class Part {
        final QueryRequest request;
        final long after;
        final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        long position;
        long lastEvaluated;
        boolean done;
        int limit;

        Part(QueryRequest request, long after, int limit) {
            this.request = request;
            this.after = after;
            this.position = after;
            this.lastEvaluated = after;
            this.limit = limit;
        }
    }
}
