package dev.leadbase.leads.edge;

import dev.leadbase.changes.edge.SourceRecords;
import dev.leadbase.composition.Components;
import dev.leadbase.leads.app.FollowLeadChanges;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.LeadsWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.shared.lambda.StreamBatch;
import dev.leadbase.shared.logging.JsonLog;
import java.util.Map;

/**
 * Leads stream consumer: checks each change's search entries (a create's by its last entry, others against the
 * stored lead) and mends them, so that a lead write cut short after its transaction, or two writes finishing out of
 * order, leave search right; then publishes the change's events (lead created, updated, deleted, score changed) to
 * the changes queue. One consumer does both: a stream has at most two (the other is the ProfileScorer).
 */
public final class SearchIndexer extends UseCaseHandler<FollowLeadChanges<Map<String, AttributeValue>>>
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    public SearchIndexer() {
        this(Components.fromEnvironment());
    }

    public SearchIndexer(Components components) {
        super(new LeadsWiring(components).followLeadChanges(LeadViews::lead));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        var batch = useCase.batch();
        return StreamBatch.inOrder(event, "lead change handling failed", record -> {
            var change = record.getDynamodb();
            var followed = batch.follow(SourceRecords.of(record), change.getOldImage(), change.getNewImage());
            if (followed.mended() > 0) {
                JsonLog.warn("search entries mended", Map.of("tenantId", change.getKeys().get("tenantId").getS(),
                        "leadId", change.getKeys().get("leadId").getS(), "entries", followed.mended()));
            }
        });
    }
}
