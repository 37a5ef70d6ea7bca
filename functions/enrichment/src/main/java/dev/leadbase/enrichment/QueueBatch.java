package dev.leadbase.enrichment;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.core.enrichment.EnrichmentMessage;
import dev.leadbase.core.logging.JsonLog;
import dev.leadbase.core.sqs.EnrichmentMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Runs each message of an SQS batch on its own; a failed message is reported alone and retried alone. */
final class QueueBatch {
    private QueueBatch() {
    }

    static SQSBatchResponse each(SQSEvent event, String function, BiConsumer<EnrichmentMessage, SQSEvent.SQSMessage> work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("function", function);
            log.put("messageId", record.getMessageId());
            var message = EnrichmentMessages.parse(record.getBody());
            if (message.isEmpty()) {
                JsonLog.warn("unreadable enrichment message", log);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            log.put("tenantId", message.get().tenantId());
            log.put("jobId", message.get().jobId());
            log.put("index", message.get().index());
            try {
                work.accept(message.get(), record);
            } catch (RuntimeException e) {
                JsonLog.error("enrichment message failed; it will be retried", log, e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
