package dev.leadbase.scoring.store;

import dev.leadbase.scoring.domain.EventQueue;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.edge.ScoringMessages;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** EventsQueue: one message per event, sent in batches of ten. */
public final class SqsEventQueue implements EventQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<ScoringEvent> events) {
        for (int from = 0; from < events.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<ScoringEvent> chunk = events.subList(from, Math.min(events.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(ScoringMessages.event(chunk.get(i))).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                // a failed entry fails the request (500): the client retries, and event ids make that safe
                throw new IllegalStateException("EventsQueue refused " + response.failed().size() + " message(s)");
            }
        }
    }
}
