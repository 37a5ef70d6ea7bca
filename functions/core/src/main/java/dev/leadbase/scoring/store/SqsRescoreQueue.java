package dev.leadbase.scoring.store;

import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.domain.RescoreQueue;
import dev.leadbase.scoring.edge.ScoringMessages;
import software.amazon.awssdk.services.sqs.SqsClient;

/** RescoreQueue: one message per page of leads to re-score. */
public final class SqsRescoreQueue implements RescoreQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRescoreQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void request(RescoreJob job) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(ScoringMessages.rescore(job)));
    }
}
