package dev.leadbase.changes.store;

import static dev.leadbase.changes.store.FeedItems.PK;
import static dev.leadbase.changes.store.FeedItems.POSITION;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The feed read back for replays. By id: the events' pointers, then their feed items (two BatchGetItems, consistent).
 * By time: each partition's positions from {@code from} − {@link #SKEW} to {@code to} + {@link #LAG} (a position is the
 * time the event was placed, after it occurred), keeping the events that occurred in the range, in feed order.
 */
public final class DynamoChangeLog implements ChangeLog {
    /** How far a producer's clock may run ahead of the feed writer's. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /** How long after it occurred an event may be placed and still be found by {@link #between}. */
    static final Duration LAG = Duration.ofHours(1);
    private static final Comparator<ChangeEvent> FEED_ORDER = Comparator.comparingLong(ChangeEvent::sequence)
            .thenComparingInt(e -> e.partition().index());
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoChangeLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ChangeEvent> byIds(String tenantId, Collection<String> eventIds) {
        List<Map<String, AttributeValue>> pointerKeys = new LinkedHashSet<>(eventIds).stream()
                .map(id -> FeedItems.pointerKey(tenantId, id)).toList();
        List<Map<String, AttributeValue>> itemKeys = new ArrayList<>();
        for (Map<String, AttributeValue> pointer : BatchGet.items(dynamo, table, pointerKeys, true)) {
            itemKeys.add(FeedItems.key(FeedItems.partitionKey(tenantId, (int) Items.num(pointer, FeedItems.PART)),
                    Items.num(pointer, FeedItems.AT)));
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, itemKeys, true)) {
            ChangeEvent e = FeedItems.event(item);
            if (e.tenantId().equals(tenantId) && eventIds.contains(e.id())) {
                events.add(e);
            }
        }
        events.sort(FEED_ORDER);
        return events;
    }

    @Override
    public List<ChangeEvent> between(String tenantId, Instant from, Instant to, int max) {
        long low = from.minus(SKEW).toEpochMilli();
        long high = to.plus(LAG).toEpochMilli();
        List<Callable<List<ChangeEvent>>> reads = new ArrayList<>();
        for (int i = 0; i < FeedPartition.COUNT; i++) {
            String pk = FeedItems.partitionKey(tenantId, i);
            reads.add(() -> {
                List<ChangeEvent> found = new ArrayList<>();
                Pages pages = Pages.of(dynamo, q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #position BETWEEN :low AND :high")
                        .expressionAttributeNames(Map.of("#pk", PK, "#position", POSITION))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":low", Items.n(low),
                                ":high", Items.n(high))));
                while (pages.hasNext() && found.size() < max) {
                    for (Map<String, AttributeValue> item : pages.next().items()) {
                        ChangeEvent e = FeedItems.event(item);
                        if (!e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to) && found.size() < max) {
                            found.add(e);
                        }
                    }
                }
                return found;
            });
        }
        List<ChangeEvent> events = new ArrayList<>();
        AtOnce.all(reads).forEach(events::addAll);
        events.sort(FEED_ORDER); // feed order keeps each subject's events in their order
        return events.size() > max ? List.copyOf(events.subList(0, max)) : events;
    }
}
