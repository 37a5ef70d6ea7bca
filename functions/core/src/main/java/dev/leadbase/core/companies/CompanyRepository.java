package dev.leadbase.core.companies;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores companies; a domain is unique per tenant. */
public interface CompanyRepository {
    /** Stores a new company; {@link DuplicateCompany} when its domain is taken in the tenant. */
    void create(Company company);

    Optional<Company> find(String tenantId, String companyId);

    Optional<Company> findByDomain(String tenantId, String domain);

    /** The companies of these domains in the tenant, by domain as asked; domains no company holds are absent. */
    Map<String, Company> findByDomains(String tenantId, Collection<String> domains);

    /** Companies in name order after {@code afterKey} (null: from the start), at most {@code limit}; skipping {@code skip} first. */
    CompanyPage list(String tenantId, long skip, int limit, String afterKey);

    /** One page of companies, the exact total and the key to resume after. */
    record CompanyPage(List<Company> companies, long total, String lastKey) {
    }
}
