package dev.leadbase.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.shared.logging.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The failed messages of one SQS batch, each reported alone (ReportBatchItemFailures) so that SQS retries only it and,
 * after maxReceiveCount receives, moves it to the queue's DLQ: a failed message is never dropped.
 */
public final class BatchFailures {
    private final List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();

    /** Runs {@code work} on each message on its own; a message whose work throws is logged as {@code failed}. */
    public static SQSBatchResponse each(SQSEvent event, String failed, Consumer<SQSEvent.SQSMessage> work) {
        BatchFailures failures = new BatchFailures();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                work.accept(message);
            } catch (RuntimeException e) {
                failures.fail(message.getMessageId(), failed, e);
            }
        }
        return failures.response();
    }

    /** Logs the message's error as {@code failed} and reports the message. */
    public void fail(String messageId, String failed, RuntimeException e) {
        JsonLog.error(failed, Map.of("messageId", messageId), e);
        report(messageId);
    }

    /** Reports a message the caller has logged. */
    public void report(String messageId) {
        failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
    }

    public SQSBatchResponse response() {
        return new SQSBatchResponse(failures);
    }
}
