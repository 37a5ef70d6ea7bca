package dev.leadbase.changes.domain;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One of a tenant's {@link #COUNT} feed partitions. A subject's events always share one partition, and each partition has
 * one writer at a time (the changes queue is FIFO with the partition as its message group), so positions in a
 * partition only grow in the order the events were written, and a reader that holds each partition's last position
 * never misses an event nor sees one twice.
 */
public record FeedPartition(String tenantId, int index) {
    /** Partitions per tenant: a feed reader holds one position for each. */
    public static final int COUNT = 8;

    public static FeedPartition of(String tenantId, String subjectId) {
        CRC32 crc = new CRC32();
        crc.update(subjectId.getBytes(StandardCharsets.UTF_8));
        return new FeedPartition(tenantId, (int) (crc.getValue() % COUNT));
    }

    /** The message group and the feed's partition key: {@code <tenant>#<index>}. */
    public String key() {
        return tenantId + "#" + index;
    }
}
