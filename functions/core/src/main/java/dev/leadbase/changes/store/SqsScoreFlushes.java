package dev.leadbase.changes.store;

import dev.leadbase.changes.domain.ScoreFlushes;
import dev.leadbase.changes.edge.ScoreFlushMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * ScoreChangesQueue (standard): each flush a message delayed until it is due (at most SQS's 15 minutes; one already
 * due at once), ten to a batch. A refused entry fails the call, so the stream record that held the change back is
 * retried.
 */
public record SqsScoreFlushes(SqsClient sqs, String queueUrl, Clock clock) implements ScoreFlushes {
    private static final int BATCH = 10;
    private static final long MAX_DELAY_SECONDS = 900;

    @Override
    public void schedule(Collection<Flush> flushes) {
        List<Flush> all = List.copyOf(flushes);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(all.size(), from + BATCH); i++) {
                Flush f = all.get(i);
                // rounded up: a flush comes no earlier than the end of its minute
                long millis = Duration.between(clock.instant(), f.due()).toMillis();
                int delay = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, (millis + 999) / 1000));
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(ScoreFlushMessages.body(f)).delaySeconds(delay).build());
            }
            var failed = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("ScoreChangesQueue refused " + failed.size() + " flush(es): "
                        + failed.getFirst().code() + " " + failed.getFirst().message());
            }
        }
    }
}
