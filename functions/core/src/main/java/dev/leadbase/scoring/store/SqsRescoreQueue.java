package dev.leadbase.scoring.store;

import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.domain.RescoreQueue;
import dev.leadbase.scoring.edge.ScoringMessages;
import dev.leadbase.shared.sqs.QueueSender;

/** RescoreQueue: one message per page of leads to re-score. */
public record SqsRescoreQueue(QueueSender queue) implements RescoreQueue {
    @Override
    public void request(RescoreJob job) {
        queue.send(ScoringMessages.rescore(job));
    }
}
