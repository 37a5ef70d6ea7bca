package dev.leadbase.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The irreducible queue work of a worker, without the worker: one thread sends the messages ten to a batch (as the
 * submitting handlers do) while one consumer, like the local runtime's single poller per event source, receives
 * ten at a time (the event source's BatchSize), runs the settling writes of the batch (one per message, or one for the
 * batch) and deletes the batch. It runs
 * on a scratch queue of the same ElasticMQ, so the real pollers never see its messages.
 */
final class BareQueueLoop {
    static final int BATCH = 10;
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final SqsClient sqs;

    BareQueueLoop(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Sends {@code count} messages and settles each once; answers messages settled per second, first send to last delete. */
    double run(int count, IntFunction<String> body, Consumer<String> settle) throws Exception {
        return runBatches(count, body, batch -> batch.forEach(settle));
    }

    /** The same, settling each received batch of messages with one call, as a worker that settles a batch together. */
    double runBatches(int count, IntFunction<String> body, Consumer<List<String>> settle) throws Exception {
        String url = sqs.createQueue(r -> r.queueName("bench-bare-" + UUID.randomUUID().toString().substring(0, 8))
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "180"))).queueUrl();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            long deadline = start + LIMIT.toNanos();
            Future<?> sent = sender.submit(() -> send(url, count, body));
            int settled = 0;
            while (settled < count) {
                if (System.nanoTime() > deadline || (sent.isDone() && sent.state() == Future.State.FAILED)) {
                    sent.get();
                    throw new IllegalStateException("bare loop settled " + settled + " of " + count + " in " + LIMIT);
                }
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(BATCH).waitTimeSeconds(1))
                        .messages();
                if (batch.isEmpty()) {
                    continue;
                }
                settle.accept(batch.stream().map(Message::body).toList());
                List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                for (Message message : batch) {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                            .receiptHandle(message.receiptHandle()).build());
                }
                sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(done));
                settled += batch.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sent.get();
            return count / seconds;
        } finally {
            sender.shutdownNow();
            sqs.deleteQueue(r -> r.queueUrl(url));
        }
    }

    private void send(String url, int count, IntFunction<String> body) {
        for (int from = 0; from < count; from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i - from)).messageBody(body.apply(i)).build());
            }
            var response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("scratch queue refused " + response.failed().size() + " message(s)");
            }
        }
    }
}
