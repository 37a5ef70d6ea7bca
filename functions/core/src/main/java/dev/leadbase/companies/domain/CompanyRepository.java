package dev.leadbase.companies.domain;

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

    /** Companies in name order after {@code after} (null: from the start), at most {@code limit}; skipping {@code skip} first. */
    CompanyPage list(String tenantId, long skip, int limit, After after);

    /** One page of companies, the exact total and the company to resume after (null at the end). */
    record CompanyPage(List<Company> companies, long total, After last) {
    }

    /** A company's place in name order: its name key and id. */
    record After(String nameKey, String companyId) {
    }
}
