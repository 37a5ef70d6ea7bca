package dev.leadbase.composition;

import dev.leadbase.companies.app.Companies;
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
}
