package dev.leadbase.changes.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.changes.domain.ChangeFeed;
import dev.leadbase.changes.domain.ChangeMessageReader;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.changes.domain.UnreadableChanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feed's writer: places a batch of change events, each partition's in their order, then hands the placed events
 * of each partition to the fan-out (those found already placed too: a batch retried after placing but before its
 * fan-out finished loses no delivery). Partitions are independent; within one, an event that could not be placed
 * stops the events after it, so that none is placed out of order.
 */
public final class FeedWriter {
    private final ChangeFeed feed;
    private final ChangeFanout fanout;
    private final ChangeMessageReader messages;
    private final UnreadableChanges unreadable;

    public FeedWriter(ChangeFeed feed, ChangeFanout fanout, ChangeMessageReader messages, UnreadableChanges unreadable) {
        this.feed = feed;
        this.fanout = fanout;
        this.messages = messages;
        this.unreadable = unreadable;
    }

    /** The event a message of the changes queue carries; an unreadable one is an IllegalArgumentException. */
    public ChangeEvent read(String body) {
        return messages.event(body);
    }

    /**
     * Places {@code events} and fans them out: for each event, in the order given, null when it is placed and fanned
     * out, or why not (it must be tried again, and so must every later event of its partition, which also failed).
     */
    public List<RuntimeException> place(List<ChangeEvent> events) {
        Map<FeedPartition, List<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byPartition.computeIfAbsent(events.get(i).partition(), p -> new ArrayList<>()).add(i);
        }
        RuntimeException[] outcomes = new RuntimeException[events.size()];
        // partitions one after the other: a batch holds few, and each is a few round trips
        byPartition.forEach((partition, indexes) -> {
            List<ChangeEvent> mine = indexes.stream().map(events::get).toList();
            ChangeFeed.Placement placement = feed.place(partition, mine);
            RuntimeException failure = placement.failure();
            int placed = placement.placed().size();
            if (placed > 0) {
                try {
                    fanout.fanOut(placement.placed());
                } catch (RuntimeException e) {
                    // placed but not handed on: tried again, found placed, fanned out then
                    failure = e;
                    placed = 0;
                }
            }
            for (int k = placed; k < indexes.size(); k++) {
                outcomes[indexes.get(k)] = failure;
            }
        });
        return Arrays.asList(outcomes);
    }

    /** Keeps a message that holds no readable event where an operator finds it (it can never be placed). */
    public void keepUnreadable(String messageId, String messageGroup, String body) {
        unreadable.keep(messageId, messageGroup, body);
    }
}
