package dev.leadbase.changes.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Where a reader of a tenant's feed stands: for each of the {@link FeedPartition#COUNT} partitions, the position of
 * the last event it has passed (0: none yet). Positions only grow within a partition, so everything after these is
 * what the reader has not seen.
 */
public record FeedPositions(List<Long> positions) {
    public FeedPositions {
        if (positions.size() != FeedPartition.COUNT || positions.stream().anyMatch(p -> p == null || p < 0)) {
            throw new IllegalArgumentException("A feed position per partition, none negative");
        }
        positions = List.copyOf(positions);
    }

    /** Before the first event of every partition. */
    public static FeedPositions start() {
        Long[] zeros = new Long[FeedPartition.COUNT];
        Arrays.fill(zeros, 0L);
        return new FeedPositions(List.of(zeros));
    }

    public long of(int partition) {
        return positions.get(partition);
    }
}
