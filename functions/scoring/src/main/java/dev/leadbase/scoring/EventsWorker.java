package dev.leadbase.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.core.logging.JsonLog;
import dev.leadbase.core.scoring.LeadScorer;
import dev.leadbase.core.scoring.ScoringEvent;
import dev.leadbase.core.sqs.ScoringMessages;
import dev.leadbase.core.wiring.ScoringWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EventsQueue consumer: stores each event once and applies it to every engagement rule set of the
 * lead in one transaction. A redelivered message finds its event stored and changes nothing; a
 * failed message is reported alone (ReportBatchItemFailures) and retried, then dead-lettered.
 */
public final class EventsWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final LeadScorer scorer;

    public EventsWorker() {
        this(ScoringWiring.leadScorer());
    }

    public EventsWorker(LeadScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                ScoringEvent scoringEvent = ScoringMessages.event(message.getBody());
                LeadScorer.Outcome outcome = scorer.applyEvent(scoringEvent);
                JsonLog.info("event applied", Map.of("messageId", message.getMessageId(),
                        "tenantId", scoringEvent.tenantId(), "eventId", scoringEvent.eventId(), "outcome", outcome.name()));
            } catch (RuntimeException e) {
                JsonLog.error("event failed", Map.of("messageId", message.getMessageId()), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
