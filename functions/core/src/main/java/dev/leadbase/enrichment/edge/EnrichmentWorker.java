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
 * Enrichment queue consumer: reads the batch's leads together, enriches each, and settles them together, each once.
 * A lead that fails (a provider timeout, 429 or 5xx, a conflicting write) is reported alone, so SQS
 * retries it after the visibility timeout and, after maxReceiveCount receives, moves it to the DLQ.
 */
public final class EnrichmentWorker extends UseCaseHandler<SettleLead>
        implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public EnrichmentWorker() {
        this(Components.fromEnvironment());
    }

    public EnrichmentWorker(Components components) {
        this(new EnrichmentWiring(components).settleLead());
    }

    public EnrichmentWorker(SettleLead settle) {
        super(settle);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return QueueBatch.each(event, "EnrichmentWorker", messages -> QueueBatch.failures(useCase.prepare(messages).enrich()));
    }
}
