package dev.leadbase.core.enrichment;

import dev.leadbase.core.companies.CompanyRepository;
import java.util.Optional;

/** The company directory of the leads issue, seen through enrichment's port. */
public final class RepositoryCompanyDirectory implements CompanyDirectory {
    private final CompanyRepository companies;

    public RepositoryCompanyDirectory(CompanyRepository companies) {
        this.companies = companies;
    }

    @Override
    public Optional<CompanyProfile> findByDomain(String tenantId, String domain) {
        return companies.findByDomain(tenantId, domain).map(c -> new CompanyProfile(c.id(), c.name(), c.domain(),
                c.website(), c.industry(), c.size(), c.description(), null, null));
    }
}
