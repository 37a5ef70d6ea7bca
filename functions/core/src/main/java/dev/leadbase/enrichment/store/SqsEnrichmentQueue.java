package dev.leadbase.enrichment.store;

import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.EnrichmentQueue;
import dev.leadbase.enrichment.edge.EnrichmentMessages;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.shared.sqs.QueueSender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sends one message per lead to the enrichment queue, ten to a batch; reports what did not go. */
public record SqsEnrichmentQueue(QueueSender queue) implements EnrichmentQueue {
    @Override
    public Set<Integer> send(List<EnrichmentMessage> messages) {
        return queue.sendAll(messages.stream().map(EnrichmentMessages::write).toList(), (e, from, to) -> {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("jobId", messages.get(from).jobId());
            log.put("from", from);
            log.put("to", to);
            JsonLog.error("could not queue enrichment messages", log, e);
        });
    }
}
