package dev.leadbase.local.events;

import dev.leadbase.local.Pause;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping: long-polls the queue, invokes the function with an SQSEvent and deletes what
 * succeeded. Failed messages stay and reappear after the visibility timeout; the queue's redrive policy
 * (enforced by ElasticMQ) moves them to the DLQ after maxReceiveCount receives. On a FIFO queue the batch keeps
 * the order of each message group as received, and a message that follows a failed one of its group is never
 * deleted, whatever the function answered for it: its group's order would break (a function must report it failed
 * too; one that did not is named in a warning).
 *
 * <p>A batch's delete is sent while the next batch is received and invoked (one delete in flight at a time), as
 * Lambda's pollers overlap their work on AWS: what is still being deleted is in flight, so on a FIFO queue the next
 * receive skips its groups and their order holds. A delete that fails leaves its messages to reappear after the
 * visibility timeout, as before.
 */
public final class SqsPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SqsPoller.class.getName());

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Template.SqsEvent source;
    private final LocalFunction function;
    private final Thread thread;
    private final ExecutorService deleter;
    private Future<?> deleting = CompletableFuture.completedFuture(null);
    private volatile boolean running = true;

    public SqsPoller(SqsClient sqs, String queueUrl, String queueArn, Template.SqsEvent source, LocalFunction function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.source = source;
        this.function = function;
        this.deleter = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("sqs-" + function.name() + "-" + source.name() + "-delete").factory());
        this.thread = Thread.ofPlatform().daemon().name("sqs-" + function.name() + "-" + source.name()).start(this::run);
    }

    public String queueUrl() {
        return queueUrl;
    }

    private void run() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "SQS poller for " + function.name() + " failed; retrying", e);
                    Pause.sleep(1000);
                }
            }
        }
    }

    /** Gathers up to BatchSize messages within MaximumBatchingWindowInSeconds. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        long deadline = System.currentTimeMillis() + source.batchingWindowSeconds() * 1000L;
        do {
            int wanted = Math.min(10, source.batchSize() - batch.size());
            batch.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages());
        } while (running && batch.size() < source.batchSize() && !batch.isEmpty()
                && System.currentTimeMillis() < deadline);
        return batch;
    }

    private void deliver(List<Message> batch) {
        SQSEvent event = toEvent(batch, queueArn);
        Object result;
        try {
            result = function.invoke(event);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, function.name() + " failed on " + batch.size()
                    + " SQS message(s); they return after the visibility timeout", e);
            return;
        }
        Set<String> failed = new HashSet<>();
        if (result instanceof SQSBatchResponse response && response.getBatchItemFailures() != null
                && !response.getBatchItemFailures().isEmpty()) {
            if (!source.reportBatchItemFailures()) {
                // Lambda ignores the response without ReportBatchItemFailures: the whole batch counts as done
                LOG.warning(function.name() + " returned batch item failures but event " + source.name()
                        + " lacks FunctionResponseTypes: [ReportBatchItemFailures]; AWS deletes those messages too");
            } else {
                Set<String> ids = new HashSet<>();
                batch.forEach(m -> ids.add(m.messageId()));
                for (var failure : response.getBatchItemFailures()) {
                    String id = failure.getItemIdentifier();
                    if (id == null || id.isBlank() || !ids.contains(id)) {
                        LOG.warning(function.name() + " reported an unknown item identifier '" + id
                                + "': the whole batch is retried");
                        return;
                    }
                    failed.add(id);
                }
            }
        }
        if (queueUrl.endsWith(".fifo")) {
            holdGroupsAfterFailures(batch, failed);
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : batch) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(String.valueOf(done.size())).receiptHandle(message.receiptHandle()).build());
            }
        }
        awaitDelete();
        deleting = deleter.submit(() -> delete(done));
    }

    private void delete(List<DeleteMessageBatchRequestEntry> done) {
        try {
            for (int i = 0; i < done.size(); i += 10) {
                List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting " + done.size() + " SQS message(s) of " + function.name()
                    + " failed; they return after the visibility timeout", e);
        }
    }

    /** Waits for the last batch's delete, so that at most one is in flight. */
    private void awaitDelete() {
        try {
            deleting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "SQS delete of " + function.name() + " failed", e.getCause());
        }
    }

    /** Adds to {@code failed} every message that follows a failed message of its group in {@code batch}. */
    private void holdGroupsAfterFailures(List<Message> batch, Set<String> failed) {
        Set<String> stoppedGroups = new HashSet<>();
        for (Message message : batch) {
            String group = message.attributesAsStrings().getOrDefault(
                    MessageSystemAttributeName.MESSAGE_GROUP_ID.toString(), "");
            if (failed.contains(message.messageId())) {
                stoppedGroups.add(group);
            } else if (stoppedGroups.contains(group)) {
                LOG.warning(function.name() + " reported message " + message.messageId() + " done after a failed"
                        + " message of its group " + group + ": it is kept, to be received again in order");
                failed.add(message.messageId());
            }
        }
    }

    /** The event Lambda's SQS event source mapping passes for {@code batch} received from the queue {@code queueArn}. */
    public static SQSEvent toEvent(List<Message> batch, String queueArn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : batch) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new HashMap<>(message.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                if (value.binaryValue() != null) {
                    attribute.setBinaryValue(value.binaryValue().asByteBuffer());
                }
                attribute.setStringListValues(value.stringListValues());
                attribute.setBinaryListValues(value.binaryListValues().stream().map(b -> b.asByteBuffer()).toList());
                attributes.put(name, attribute);
            });
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(Resolver.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        deleter.shutdown(); // the last batch's delete still goes out
        try {
            deleter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
