package dev.leadbase.changes.store;

import dev.leadbase.changes.domain.UnreadableChanges;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ChangesDLQ (FIFO), where an unreadable message of the changes queue is kept as it came: in its message group,
 * deduplicated by its message id, so keeping it twice (a batch retried) leaves one copy.
 */
public record QueueUnreadableChanges(SqsClient sqs, String queueUrl) implements UnreadableChanges {
    @Override
    public void keep(String messageId, String messageGroup, String body) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body)
                .messageGroupId(messageGroup == null || messageGroup.isBlank() ? "unreadable" : messageGroup)
                .messageDeduplicationId(messageId));
    }
}
