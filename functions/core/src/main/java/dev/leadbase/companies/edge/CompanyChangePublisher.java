package dev.leadbase.companies.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.changes.edge.SourceRecords;
import dev.leadbase.companies.app.PublishCompanyChanges;
import dev.leadbase.composition.CompaniesWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.StreamBatch;
import dev.leadbase.shared.lambda.UseCaseHandler;
import java.util.Map;

/** Companies stream consumer: publishes company.created and company.updated to the changes queue. */
public final class CompanyChangePublisher extends UseCaseHandler<PublishCompanyChanges<Map<String, AttributeValue>>>
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    public CompanyChangePublisher() {
        this(Components.fromEnvironment());
    }

    public CompanyChangePublisher(Components components) {
        super(new CompaniesWiring(components).publishCompanyChanges(CompanyViews::company));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.inOrder(event, "company change publishing failed", record -> useCase.follow(
                SourceRecords.of(record), record.getDynamodb().getOldImage(), record.getDynamodb().getNewImage()));
    }
}
