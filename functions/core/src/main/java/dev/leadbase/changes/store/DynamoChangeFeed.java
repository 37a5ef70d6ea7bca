package dev.leadbase.changes.store;

import static dev.leadbase.changes.store.FeedItems.ID;
import static dev.leadbase.changes.store.FeedItems.PK;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFeed;
import dev.leadbase.changes.domain.FeedFilter;
import dev.leadbase.changes.domain.FeedPage;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.changes.domain.FeedPositions;
import dev.leadbase.shared.dynamo.Items;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The changes feed on ChangesTable ({@link FeedItems}). Placing is the partition's one writer's job (the changes
 * queue is FIFO, its message group the partition): it reads the partition's head once, then places each event at
 * max(previous + 1, now in ms), one put after the other (a reader that saw a later position must never find an
 * earlier one appear). Each event first claims its id (a put of its pointer, on the condition that none exists), then
 * its feed item is put: an id is placed once, and a writer that stopped between the two finds the pointer without its
 * item and places the event again, at a new position. Two writes a new event, 1 write unit each while the item is
 * under 1 KB.
 */
public final class DynamoChangeFeed implements ChangeFeed {
    /** The most head items read: more than a batch's events of one partition (10) never are placed by one try. */
    private static final int HEAD = 10;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final FeedReader reader;

    public DynamoChangeFeed(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.reader = new FeedReader(dynamo, table);
    }

    @Override
    public Placement place(FeedPartition partition, List<ChangeEvent> events) {
        List<ChangeEvent> placed = new ArrayList<>();
        try {
            // a batch that was tried before placed a prefix of its events: they are the head, found without a read each
            Map<String, Long> head = new HashMap<>();
            long last = 0;
            for (Map<String, AttributeValue> item : dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition.key())))
                    .scanIndexForward(false).limit(Math.min(HEAD, Math.max(1, events.size())))).items()) {
                head.put(Items.str(item, ID), FeedItems.position(item));
                last = Math.max(last, FeedItems.position(item));
            }
            for (ChangeEvent e : events) {
                if (!e.partition().equals(partition)) {
                    throw new IllegalArgumentException("Event " + e.id() + " is not of partition " + partition.key());
                }
                Long at = head.get(e.id());
                if (at == null) {
                    at = placeOne(e, last);
                    last = Math.max(last, at);
                    head.put(e.id(), at);
                }
                placed.add(e.placedAt(at));
            }
            return new Placement(placed, null);
        } catch (RuntimeException e) {
            return new Placement(placed, e);
        }
    }

    /** Places an event not in the head read: its position, found (placed before) or new (after {@code last}). */
    private long placeOne(ChangeEvent e, long last) {
        Instant now = clock.instant();
        ChangeEvent at = e.placedAt(Math.max(last + 1, now.toEpochMilli()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(FeedItems.pointer(at, now))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException claimed) {
            Map<String, AttributeValue> pointer = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(FeedItems.pointerKey(e.tenantId(), e.id()))).item();
            if (pointer != null && !pointer.isEmpty() && placedAt(e, pointer)) {
                return Items.num(pointer, FeedItems.AT); // published twice: it keeps its first place
            }
            // claimed by a try that stopped before its feed item: the event is placed now, at a new position
            dynamo.putItem(p -> p.tableName(table).item(FeedItems.pointer(at, now)));
        }
        dynamo.putItem(p -> p.tableName(table).item(FeedItems.item(at, now))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)));
        return at.sequence();
    }

    /** Whether the feed item the pointer names holds this event. */
    private boolean placedAt(ChangeEvent e, Map<String, AttributeValue> pointer) {
        String pk = FeedItems.partitionKey(e.tenantId(), (int) Items.num(pointer, FeedItems.PART));
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(FeedItems.key(pk, Items.num(pointer, FeedItems.AT))).projectionExpression("#id")
                .expressionAttributeNames(Map.of("#id", ID))).item();
        return item != null && e.id().equals(Items.str(item, ID));
    }

    @Override
    public FeedPage read(String tenantId, FeedPositions after, FeedFilter filter, int limit) {
        return reader.read(tenantId, after, filter, limit);
    }
}
