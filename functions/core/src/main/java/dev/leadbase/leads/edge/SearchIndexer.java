package dev.leadbase.leads.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.LeadsWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.leads.domain.SearchRepair;
import dev.leadbase.shared.lambda.StreamBatch;
import dev.leadbase.shared.logging.JsonLog;
import java.util.Map;

/**
 * Leads stream consumer: checks each change's search entries (a create's by its last entry, others against the
 * stored lead) and mends them, so that a lead write cut short after its transaction, or two writes finishing out of
 * order, leave search right.
 */
public final class SearchIndexer extends UseCaseHandler<SearchRepair<Map<String, AttributeValue>>>
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    public SearchIndexer() {
        this(Components.fromEnvironment());
    }

    public SearchIndexer(Components components) {
        super(new LeadsWiring(components).searchRepair());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.inOrder(event, "search indexing failed", record -> {
            var change = record.getDynamodb();
            int mended = useCase.repair(change.getOldImage(), change.getNewImage());
            if (mended > 0) {
                JsonLog.warn("search entries mended", Map.of("tenantId", change.getKeys().get("tenantId").getS(),
                        "leadId", change.getKeys().get("leadId").getS(), "entries", mended));
            }
        });
    }
}
