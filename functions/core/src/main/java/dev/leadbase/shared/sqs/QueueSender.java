package dev.leadbase.shared.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** One SQS queue, by its URL from the template: sends a message, or many ten to a batch (the SQS limit). */
public record QueueSender(SqsClient sqs, String queueUrl) {
    private static final int BATCH = 10;

    public void send(String body) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
    }

    /**
     * Sends the bodies ten to a batch and answers the indexes of those the queue refused. A batch the client could not
     * send at all is handed to {@code unsent}, which may throw to stop, and then counts as refused, all of it.
     */
    public Set<Integer> sendAll(List<String> bodies, Unsent unsent) {
        Set<Integer> refused = new TreeSet<>();
        for (int from = 0; from < bodies.size(); from += BATCH) {
            int to = Math.min(bodies.size(), from + BATCH);
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < to; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
            }
            try {
                sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()
                        .forEach(f -> refused.add(Integer.parseInt(f.id())));
            } catch (SdkException e) {
                unsent.batch(e, from, to);
                for (int i = from; i < to; i++) {
                    refused.add(i);
                }
            }
        }
        return refused;
    }

    /** What a sender does with a batch that could not be sent, indexes {@code from} (inclusive) to {@code to}. */
    @FunctionalInterface
    public interface Unsent {
        void batch(SdkException e, int from, int to);
    }
}
