package dev.leadbase.webhooks.store;

import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryIds;
import dev.leadbase.webhooks.domain.DeliveryQueue;
import dev.leadbase.webhooks.edge.DeliveryMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * DeliveryQueue (FIFO) and its dead-letter queue: a delivery's message group is {@code <subscription>#<subject>}, its
 * deduplication id the digest of its delivery id (and of the replay or resumption that sent it again). Ten to a batch
 * in the order given; a refused entry fails the call, so the caller's work is retried.
 */
public record SqsDeliveryQueue(SqsClient sqs, String queueUrl, String deadLetterUrl) implements DeliveryQueue {
    private static final int BATCH = 10;
    /** Below the 256 KB SQS allows a batch, leaving room for the attributes. */
    private static final int MAX_BATCH_BYTES = 240 * 1024;
    /** The longest visibility SQS allows: 12 h. */
    private static final long MAX_VISIBILITY_SECONDS = 12 * 3600;

    @Override
    public void send(List<Delivery> deliveries, String replayId) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            String body = DeliveryMessages.body(d);
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            // a batch holds at most ten messages and 256 KB in all
            if (entries.size() == BATCH || (!entries.isEmpty() && bytes + size > MAX_BATCH_BYTES)) {
                sendBatch(entries);
                entries = new ArrayList<>();
                bytes = 0;
            }
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(body)
                    .messageGroupId(d.orderGroup())
                    .messageDeduplicationId(dedupId(d, replayId))
                    .build());
            bytes += size;
        }
        if (!entries.isEmpty()) {
            sendBatch(entries);
        }
    }

    /** The same delivery sent again within five minutes is dropped; a replay or resumption is another sending. */
    private static String dedupId(Delivery d, String replayId) {
        return DeliveryIds.digest(d.deliveryId() + "\n" + (replayId == null ? "" : replayId));
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> entries) {
        var failed = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("The delivery queue refused " + failed.size() + " delivery(ies): "
                    + failed.getFirst().code() + " " + failed.getFirst().message());
        }
    }

    @Override
    public void retryAfter(String receiptHandle, Duration delay) {
        // visibility is in whole seconds: round up, so a retry never comes before its step
        long seconds = Math.min(MAX_VISIBILITY_SECONDS, (delay.toMillis() + 999) / 1000);
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }

    @Override
    public void deadLetter(String body, String group, String messageId) {
        if (deadLetterUrl == null) {
            throw new IllegalStateException("DELIVERY_DLQ_URL is not set: an unreadable message stays in the queue");
        }
        sqs.sendMessage(m -> m.queueUrl(deadLetterUrl).messageBody(body == null || body.isEmpty() ? "(empty)" : body)
                .messageGroupId(group == null || group.isBlank() ? "unreadable" : group)
                .messageDeduplicationId(DeliveryIds.digest("dead-letter\n" + messageId)));
    }
}
