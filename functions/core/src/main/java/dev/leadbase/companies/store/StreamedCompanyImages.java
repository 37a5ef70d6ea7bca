package dev.leadbase.companies.store;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyImages;
import dev.leadbase.shared.dynamo.StreamImages;
import java.util.Map;

/** The Companies stream's images read as companies, by the repository's one reader of company items. */
public record StreamedCompanyImages() implements CompanyImages<Map<String, AttributeValue>> {
    @Override
    public Company company(Map<String, AttributeValue> image) {
        return image == null ? null : DynamoCompanyRepository.company(StreamImages.item(image));
    }
}
