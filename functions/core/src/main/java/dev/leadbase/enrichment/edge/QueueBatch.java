package dev.leadbase.enrichment.edge;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.app.SettleLead;
import dev.leadbase.shared.lambda.BatchFailures;
import dev.leadbase.shared.logging.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs an SQS batch: {@code work} takes the batch's readable messages together and answers the failure of each one
 * that failed, which is then reported alone and retried alone; if {@code work} itself fails, every message is reported.
 */
final class QueueBatch {
    private QueueBatch() {
    }

    static SQSBatchResponse each(SQSEvent event, String function,
                                 Function<List<EnrichmentMessage>, Map<EnrichmentMessage, RuntimeException>> work) {
        BatchFailures failures = new BatchFailures();
        List<Readable> readable = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            var message = EnrichmentMessages.parse(record.getBody());
            if (message.isEmpty()) {
                JsonLog.warn("unreadable enrichment message", log(function, record, null));
                failures.report(record.getMessageId());
            } else {
                readable.add(new Readable(record, message.get()));
            }
        }
        Map<EnrichmentMessage, RuntimeException> failed;
        try {
            failed = work.apply(readable.stream().map(Readable::message).toList());
        } catch (RuntimeException e) {
            JsonLog.error("enrichment batch could not be read; its messages will be retried",
                    Map.of("function", function, "messages", readable.size()), e);
            readable.forEach(r -> failures.report(r.record().getMessageId()));
            return failures.response();
        }
        for (Readable r : readable) {
            RuntimeException e = failed.get(r.message());
            if (e != null) {
                JsonLog.error("enrichment message failed; it will be retried", log(function, r.record(), r.message()), e);
                failures.report(r.record().getMessageId());
            }
        }
        return failures.response();
    }

    /** Work that runs each message on its own, a failure of one leaving the others be. */
    static Map<EnrichmentMessage, RuntimeException> oneByOne(List<EnrichmentMessage> messages,
                                                             Consumer<EnrichmentMessage> work) {
        Map<EnrichmentMessage, RuntimeException> failed = new LinkedHashMap<>();
        for (EnrichmentMessage message : messages) {
            try {
                work.accept(message);
            } catch (RuntimeException e) {
                failed.put(message, e);
            }
        }
        return failed;
    }

    /** The failures of a batch settled together: each message's own, or that it named no job's lead. */
    static Map<EnrichmentMessage, RuntimeException> failures(Map<EnrichmentMessage, SettleLead.Handled> handled) {
        Map<EnrichmentMessage, RuntimeException> failed = new LinkedHashMap<>();
        handled.forEach((message, h) -> {
            if (h.failure() != null) {
                failed.put(message, h.failure());
            } else {
                try {
                    settled(h.outcome(), message);
                } catch (RuntimeException e) {
                    failed.put(message, e);
                }
            }
        });
        return failed;
    }

    /**
     * Fails a message that named no job's lead, so that it is retried (a read may lag a write) and then dead-lettered
     * rather than deleted unseen.
     */
    static void settled(SettleLead.Outcome outcome, EnrichmentMessage message) {
        if (outcome == SettleLead.Outcome.UNKNOWN_LEAD) {
            throw new IllegalStateException("No pending lead " + message.index() + " of job " + message.jobId()
                    + " in tenant " + message.tenantId());
        }
    }

    private record Readable(SQSEvent.SQSMessage record, EnrichmentMessage message) {
    }

    private static Map<String, Object> log(String function, SQSEvent.SQSMessage record, EnrichmentMessage message) {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("function", function);
        log.put("messageId", record.getMessageId());
        if (message != null) {
            log.put("tenantId", message.tenantId());
            log.put("jobId", message.jobId());
            log.put("index", message.index());
        }
        return log;
    }
}
