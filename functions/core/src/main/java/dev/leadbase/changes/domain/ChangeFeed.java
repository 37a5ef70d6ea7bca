package dev.leadbase.changes.domain;

import java.util.List;

/**
 * The changes feed as its writer and its readers see it (the changes store implements it): each partition an ordered
 * run of placed events whose positions only grow, kept 30 days.
 */
public interface ChangeFeed {
    /**
     * Places {@code events}, all of {@code partition} and in their order, after the partition's last event; an event
     * whose id is already placed keeps its first position. The caller must be the partition's one writer (the
     * changes queue's message group).
     */
    Placement place(FeedPartition partition, List<ChangeEvent> events);

    /** Up to {@code limit} events after {@code after}, oldest first (by position, then partition). */
    FeedPage read(String tenantId, FeedPositions after, FeedFilter filter, int limit);

    /**
     * What {@link #place} did: the events placed or found placed, in the order given, each at its position; when
     * {@code failure} is not null, the events after those could not be placed (none of them was).
     */
    record Placement(List<ChangeEvent> placed, RuntimeException failure) {
        public Placement {
            placed = List.copyOf(placed);
        }
    }
}
