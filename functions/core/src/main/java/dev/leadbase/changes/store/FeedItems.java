package dev.leadbase.changes.store;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of ChangesTable and their keys, in one place. Two kinds share the table:
 * <ul>
 *   <li>a <b>feed item</b> per placed event: {@code pk} = the partition key {@code <tenant>#<i>}, {@code position}
 *   (N) its place, then {@code id}, {@code type} (wire name), {@code occurredAt}, {@code subjectId}, {@code leadId}
 *   and {@code ownerId} (left out when null), {@code data} (compact JSON text);</li>
 *   <li>an <b>id pointer</b> per placed event: {@code pk} = {@code <tenant>#e#<event id>}, {@code position} 0,
 *   {@code part} and {@code at}: where the event is. It makes an id placeable once (a conditional put) and lets
 *   replays find events by id.</li>
 * </ul>
 * Both expire 30 days after placing ({@code expiresAt}, epoch seconds, DynamoDB's TTL).
 */
final class FeedItems {
    /** How long the feed keeps an event. */
    static final Duration KEPT = Duration.ofDays(30);
    static final String PK = "pk";
    static final String POSITION = "position";
    static final String ID = "id";
    static final String TYPE = "type";
    static final String OCCURRED_AT = "occurredAt";
    static final String SUBJECT_ID = "subjectId";
    static final String LEAD_ID = "leadId";
    static final String OWNER_ID = "ownerId";
    static final String DATA = "data";
    static final String EXPIRES_AT = "expiresAt";
    static final String PART = "part";
    static final String AT = "at";

    private FeedItems() {
    }

    static String partitionKey(String tenantId, int partition) {
        return new FeedPartition(tenantId, partition).key();
    }

    static Map<String, AttributeValue> key(String partitionKey, long position) {
        return Map.of(PK, AttributeValue.fromS(partitionKey), POSITION, Items.n(position));
    }

    static Map<String, AttributeValue> pointerKey(String tenantId, String eventId) {
        return key(tenantId + "#e#" + eventId, 0);
    }

    static long expiresAt(Instant placedAt) {
        return placedAt.plus(KEPT).getEpochSecond();
    }

    /** The feed item of {@code e}, placed (its sequence is its position). */
    static Map<String, AttributeValue> item(ChangeEvent e, Instant placedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(e.partition().key(), e.sequence()));
        item.put(ID, AttributeValue.fromS(e.id()));
        item.put(TYPE, AttributeValue.fromS(e.type().wire()));
        item.put(OCCURRED_AT, AttributeValue.fromS(e.occurredAt().toString()));
        item.put(SUBJECT_ID, AttributeValue.fromS(e.subjectId()));
        if (e.leadId() != null) {
            item.put(LEAD_ID, AttributeValue.fromS(e.leadId()));
        }
        if (e.ownerId() != null) {
            item.put(OWNER_ID, AttributeValue.fromS(e.ownerId()));
        }
        item.put(DATA, AttributeValue.fromS(Json.write(e.data())));
        item.put(EXPIRES_AT, Items.n(expiresAt(placedAt)));
        return item;
    }

    /** The id pointer of {@code e}, placed. */
    static Map<String, AttributeValue> pointer(ChangeEvent e, Instant placedAt) {
        Map<String, AttributeValue> item = new HashMap<>(pointerKey(e.tenantId(), e.id()));
        item.put(PART, Items.n(e.partition().index()));
        item.put(AT, Items.n(e.sequence()));
        item.put(EXPIRES_AT, Items.n(expiresAt(placedAt)));
        return item;
    }

    static long position(Map<String, AttributeValue> item) {
        return Items.num(item, POSITION);
    }

    /** The event a feed item holds; the tenant is the partition key's part before its last {@code #}. */
    @SuppressWarnings("unchecked")
    static ChangeEvent event(Map<String, AttributeValue> item) {
        String pk = Items.str(item, PK);
        String type = Items.str(item, TYPE);
        return new ChangeEvent(pk.substring(0, pk.lastIndexOf('#')), Items.str(item, ID),
                ChangeType.fromWire(type).orElseThrow(() -> new IllegalStateException("Corrupt feed item: type " + type)),
                Instant.parse(Items.str(item, OCCURRED_AT)), Items.str(item, SUBJECT_ID), Items.str(item, LEAD_ID),
                Items.str(item, OWNER_ID), position(item), Json.read(Items.str(item, DATA), Map.class));
    }
}
