package dev.leadbase.enrichment.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.EnrichmentWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.enrichment.app.SettleLead;

/**
 * Enrichment dead-letter queue consumer: settles each lead that exhausted its retries as failed and refunds it. A
 * message it cannot settle (unreadable, or naming no job's lead) is reported, and after a few receives the queue's
 * redrive policy parks it in EnrichmentUnsettledQueue.
 */
public final class EnrichmentDlqHandler extends UseCaseHandler<SettleLead>
        implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public EnrichmentDlqHandler() {
        this(Components.fromEnvironment());
    }

    public EnrichmentDlqHandler(Components components) {
        super(new EnrichmentWiring(components).settleLead());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return QueueBatch.each(event, "EnrichmentDlqHandler", messages -> QueueBatch.oneByOne(messages, message ->
                QueueBatch.settled(useCase.fail(message, "Enrichment failed after all retries; its credit was refunded"),
                        message)));
    }
}
