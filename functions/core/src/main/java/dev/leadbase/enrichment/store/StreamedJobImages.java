package dev.leadbase.enrichment.store;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.JobImages;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.StreamImages;
import java.util.Map;

/** The EnrichmentJobs stream's images of job headers read as jobs, by the repository's one reader of headers. */
public record StreamedJobImages() implements JobImages<Map<String, AttributeValue>> {
    @Override
    public EnrichmentJob job(Map<String, AttributeValue> image) {
        var item = StreamImages.item(image);
        if (item == null) {
            return null;
        }
        String sk = Items.str(item, EnrichmentJobItems.SK);
        return sk != null && sk.startsWith(EnrichmentJobItems.JOB_PREFIX) ? EnrichmentJobItems.toJob(item) : null;
    }
}
