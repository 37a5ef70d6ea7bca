package dev.leadbase.enrichment.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.changes.edge.SourceRecords;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.EnrichmentWiring;
import dev.leadbase.enrichment.app.PublishJobCompletions;
import dev.leadbase.shared.lambda.StreamBatch;
import dev.leadbase.shared.lambda.UseCaseHandler;
import java.util.Map;

/** EnrichmentJobs stream consumer (job headers only, by its filter): publishes enrichment.completed. */
public final class JobCompletionPublisher extends UseCaseHandler<PublishJobCompletions<Map<String, AttributeValue>>>
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    public JobCompletionPublisher() {
        this(Components.fromEnvironment());
    }

    public JobCompletionPublisher(Components components) {
        super(new EnrichmentWiring(components).publishJobCompletions(EnrichmentViews::completed));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.inOrder(event, "job completion publishing failed", record -> useCase.follow(
                SourceRecords.of(record), record.getDynamodb().getOldImage(), record.getDynamodb().getNewImage()));
    }
}
