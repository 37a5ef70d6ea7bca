package dev.leadbase.leads.store;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.leads.domain.SearchRepair;
import dev.leadbase.shared.dynamo.StreamImages;
import java.util.Map;

/** The search repair of the Leads stream: its records' images read as items, then checked by the search index. */
public record StreamedSearchRepair(LeadSearchIndex index) implements SearchRepair<Map<String, AttributeValue>> {
    @Override
    public int repair(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        return index.repair(StreamImages.item(before), StreamImages.item(after));
    }
}
