package dev.leadbase.composition;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.app.PublishCompanyChanges;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.store.StreamedCompanyImages;
import java.util.Map;
import java.util.function.Function;
import dev.leadbase.companies.domain.CompanyRepository;
import dev.leadbase.companies.store.DynamoCompanyRepository;
import dev.leadbase.shared.dynamo.Tables;

/** Builds the companies slice's use case and repository over a function's components. */
public final class CompaniesWiring {
    private final Components components;

    public CompaniesWiring(Components components) {
        this.components = components;
    }

    public Companies companies() {
        return new Companies(companyRepository(), components.cursorSigner(), components.clock());
    }

    public CompanyRepository companyRepository() {
        return new DynamoCompanyRepository(components.dynamo(), Tables.COMPANIES.in(components.config()),
                Tables.LEAD_INDEX.in(components.config()));
    }

    /** The Companies stream's consumer; each company shown by {@code view}. Needs CHANGES_QUEUE_URL. */
    public PublishCompanyChanges<Map<String, AttributeValue>> publishCompanyChanges(
            Function<Company, Map<String, Object>> view) {
        return new PublishCompanyChanges<>(new StreamedCompanyImages(), view, new ChangesWiring(components).changeSink());
    }
}
