package dev.leadbase.changes.store;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The changes queue (FIFO): each event in its partition's message group, deduplicated by event id, ten to a batch in
 * the order given. A refused entry fails the call, so the stream record that made it is retried.
 */
public record QueueChangeSink(SqsClient sqs, String queueUrl) implements ChangeSink {
    private static final int BATCH = 10;

    @Override
    public void publish(List<ChangeEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(events.size(), from + BATCH); i++) {
                ChangeEvent e = events.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(ChangeMessages.body(e))
                        .messageGroupId(e.partition().key())
                        .messageDeduplicationId(dedupId(e.id()))
                        .build());
            }
            var failed = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("The changes queue refused " + failed.size() + " event(s): "
                        + failed.getFirst().code() + " " + failed.getFirst().message());
            }
        }
    }

    /** SQS deduplication ids are at most 128 characters of [A-Za-z0-9 punctuation]; event ids are made to fit. */
    static String dedupId(String eventId) {
        return eventId.length() <= 128 ? eventId : eventId.substring(0, 128);
    }
}
