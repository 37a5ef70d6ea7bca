package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.events.SqsPoller;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Drains a scratch queue into a worker container in batches of 10, as the runtime's poller would, timing the worker. */
record QueueDrain(SqsClient sqs, String queue) {

    /** What draining a queue into a worker took: handler seconds, batches, and the worker's memory. */
    record Drained(double seconds, int batches, int memoryMb) {
    }

    /** Receives the {@code expected} messages in batches of 10 and hands each batch to the worker, as the poller would. */
    Drained into(LocalFunction worker, int expected) {
        String arn = sqs.getQueueAttributes(a -> a.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        int seen = 0;
        int batches = 0;
        double seconds = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (seen < expected && System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(m -> m.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                continue;
            }
            long start = System.nanoTime();
            Object response = worker.invoke(SqsPoller.toEvent(batch, arn));
            seconds += (System.nanoTime() - start) / 1e9;
            if (response instanceof SQSBatchResponse r && !r.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException(worker.name() + " reported failures: " + response);
            }
            batches++;
            seen += batch.size();
            for (Message m : batch) {
                sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        if (seen < expected) {
            throw new IllegalStateException(worker.name() + " saw " + seen + " of " + expected + " messages");
        }
        return new Drained(seconds, batches, worker.definition().memoryMb());
    }
}
