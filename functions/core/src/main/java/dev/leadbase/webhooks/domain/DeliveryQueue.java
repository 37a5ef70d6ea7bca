package dev.leadbase.webhooks.domain;

import java.time.Duration;
import java.util.List;

/** The delivery queue (FIFO, one message group per subscription and subject). */
public interface DeliveryQueue {
    /**
     * Queues the deliveries in the order given. {@code replayId} (null for the first delivery of an event) tells a
     * replay apart: the queue drops the same delivery sent twice within its deduplication window.
     */
    void send(List<Delivery> deliveries, String replayId);

    /** Lets a received message come back after {@code delay} (at most 12 h), to be attempted again. */
    void retryAfter(String receiptHandle, Duration delay);

    /** Moves a message that cannot be read to the dead-letter queue, where it waits for an operator. */
    void deadLetter(String body, String group, String messageId);
}
