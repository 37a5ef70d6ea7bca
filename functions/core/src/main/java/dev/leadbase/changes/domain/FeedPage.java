package dev.leadbase.changes.domain;

import java.util.List;

/**
 * A page of the feed: its events, oldest first, the positions to read on from, and whether more events were already
 * there when it was read (when not, a reader polls again later with {@code next}).
 */
public record FeedPage(List<ChangeEvent> events, FeedPositions next, boolean more) {
    public FeedPage {
        events = List.copyOf(events);
    }
}
