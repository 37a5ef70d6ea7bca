package dev.leadbase.leads.store;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadImages;
import dev.leadbase.shared.dynamo.StreamImages;
import java.util.Map;

/** The Leads stream's images read as leads, by the reader every lead read goes through ({@link LeadItems#lead}). */
public record StreamedLeadImages() implements LeadImages<Map<String, AttributeValue>> {
    @Override
    public Lead lead(Map<String, AttributeValue> image) {
        var item = StreamImages.item(image);
        return LeadItems.holdsLead(item) ? LeadItems.lead(item) : null;
    }
}
