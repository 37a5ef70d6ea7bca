package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.domain.CompanyProfile;

import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The tenant's companies (the companies slice), seen through enrichment's directory port. */
public record RepositoryCompanyDirectory(CompanyRepository companies) implements CompanyDirectory {
    @Override
    public Optional<CompanyProfile> findByDomain(String tenantId, String domain) {
        return companies.findByDomain(tenantId, domain).map(RepositoryCompanyDirectory::profile);
    }

    @Override
    public Map<String, CompanyProfile> findByDomains(String tenantId, Collection<String> domains) {
        Map<String, CompanyProfile> found = new HashMap<>();
        companies.findByDomains(tenantId, domains).forEach((domain, company) -> found.put(domain, profile(company)));
        return found;
    }

    private static CompanyProfile profile(Company c) {
        return new CompanyProfile(c.id(), c.name(), c.domain(), c.website(), c.industry(), c.size(), c.description(),
                null, null);
    }
}
