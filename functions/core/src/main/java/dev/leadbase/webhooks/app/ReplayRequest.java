package dev.leadbase.webhooks.app;

import java.time.Instant;
import java.util.List;

/**
 * What to replay: the events with these ids, or those that occurred in [from, to). The edge has checked it: ids or
 * a window, never both; at most {@link #MAX_IDS} ids; {@code to} after {@code from}, at most {@link #MAX_WINDOW_DAYS}
 * days apart.
 */
public record ReplayRequest(List<String> eventIds, Instant from, Instant to) {
    public static final int MAX_IDS = 100;
    /** The feed keeps 30 days: a window can reach back that far. */
    public static final int MAX_WINDOW_DAYS = 30;
    /** The most events one replay of a window queues; the answer says where to go on from. */
    public static final int MAX_EVENTS = 1000;

    public boolean byIds() {
        return eventIds != null;
    }
}
