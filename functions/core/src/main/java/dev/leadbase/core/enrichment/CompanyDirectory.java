package dev.leadbase.core.enrichment;

import java.util.Optional;

/** The tenant's own companies, looked up by web domain. */
public interface CompanyDirectory {
    Optional<CompanyProfile> findByDomain(String tenantId, String domain);

    /** A directory that knows no company. */
    static CompanyDirectory empty() {
        return (tenantId, domain) -> Optional.empty();
    }
}
