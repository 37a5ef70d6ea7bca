package dev.leadbase.enrichment.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The tenant's own companies, looked up by web domain. */
public interface CompanyDirectory {
    Optional<CompanyProfile> findByDomain(String tenantId, String domain);

    /** The companies of several domains, by domain; unknown domains are absent. One lookup each unless overridden. */
    default Map<String, CompanyProfile> findByDomains(String tenantId, Collection<String> domains) {
        Map<String, CompanyProfile> found = new HashMap<>();
        domains.forEach(domain -> findByDomain(tenantId, domain).ifPresent(company -> found.put(domain, company)));
        return found;
    }

    /** A directory that knows no company. */
    static CompanyDirectory empty() {
        return (tenantId, domain) -> Optional.empty();
    }
}
