package dev.leadbase.enrichment.store;

import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.EnrichmentQueue;
import dev.leadbase.enrichment.edge.EnrichmentMessages;
import dev.leadbase.shared.logging.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends one message per lead to the enrichment queue, ten to a batch; reports what did not go. */
public final class SqsEnrichmentQueue implements EnrichmentQueue {
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEnrichmentQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public Set<Integer> send(List<EnrichmentMessage> messages) {
        Set<Integer> unsent = new TreeSet<>();
        for (int from = 0; from < messages.size(); from += BATCH) {
            int to = Math.min(messages.size(), from + BATCH);
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < to; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(EnrichmentMessages.write(messages.get(i))).build());
            }
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                response.failed().forEach(f -> unsent.add(Integer.parseInt(f.id())));
            } catch (SdkException e) {
                Map<String, Object> log = new LinkedHashMap<>();
                log.put("jobId", messages.get(from).jobId());
                log.put("from", from);
                log.put("to", to);
                JsonLog.error("could not queue enrichment messages", log, e);
                for (int i = from; i < to; i++) {
                    unsent.add(i);
                }
            }
        }
        return unsent;
    }
}
