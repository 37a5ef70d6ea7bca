package dev.leadbase.changes.domain;

import java.util.List;

/**
 * Where the producers of change events (the stream consumers of leads, companies and enrichment jobs) hand them: the
 * changes queue, FIFO, one message group per {@link FeedPartition}. Events of one partition keep their order.
 * Publishing an event twice is harmless: the feed places an event id once.
 */
public interface ChangeSink {
    void publish(List<ChangeEvent> events);
}
