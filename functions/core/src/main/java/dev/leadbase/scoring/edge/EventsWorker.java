package dev.leadbase.scoring.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.ScoringWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.shared.lambda.BatchFailures;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.ScoringEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EventsQueue consumer: stores each event once and applies it to every engagement rule set of the
 * lead, a batch at a time (a lead's events of one batch are applied together). A redelivered message finds
 * its event stored and changes nothing. A message that cannot be applied (unreadable, its lead unknown, a failed
 * write) is reported alone (ReportBatchItemFailures) and retried, then kept in EventsDLQ: never dropped.
 */
public final class EventsWorker extends UseCaseHandler<LeadScorer>
        implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public EventsWorker() {
        this(Components.fromEnvironment());
    }

    public EventsWorker(Components components) {
        super(new ScoringWiring(components).leadScorer());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        BatchFailures failures = new BatchFailures();
        List<String> messageIds = new ArrayList<>();
        List<ScoringEvent> events = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                events.add(ScoringMessages.event(message.getBody()));
                messageIds.add(message.getMessageId());
            } catch (RuntimeException e) {
                failures.fail(message.getMessageId(), "event failed", e);
            }
        }
        List<LeadScorer.Applied> results = useCase.applyEvents(events);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            LeadScorer.Applied r = results.get(i);
            if (r.ok() && r.outcome() == LeadScorer.Outcome.LEAD_GONE) {
                // no such lead (deleted since, or not readable yet): retried, then kept in EventsDLQ, never dropped
                failures.fail(messageIds.get(i), "event failed", new IllegalStateException(
                        "Event for a lead that does not exist: tenant " + r.event().tenantId() + ", lead "
                                + r.event().leadId() + ", event " + r.event().eventId()));
            } else if (r.ok()) {
                outcomes.merge(r.outcome().name(), 1, Integer::sum);
            } else {
                failures.fail(messageIds.get(i), "event failed", r.failure());
            }
        }
        if (!outcomes.isEmpty()) {
            // one line per batch (a failed message has its own, with its id)
            JsonLog.info("events applied", Map.of("events", event.getRecords().size(), "outcomes", outcomes));
        }
        return failures.response();
    }
}
