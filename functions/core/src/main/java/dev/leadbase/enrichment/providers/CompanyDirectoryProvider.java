package dev.leadbase.enrichment.providers;

import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.domain.CompanyProfile;
import dev.leadbase.enrichment.domain.EnrichmentProvider;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fills company data from the tenant's own company directory, matched by the email's domain. */
public final class CompanyDirectoryProvider implements EnrichmentProvider {
    public static final String NAME = "companyDirectory";
    static final double CONFIDENCE = 0.8;

    private final CompanyDirectory directory;

    public CompanyDirectoryProvider(CompanyDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<ProviderResult> lookup(ProviderQuery query) {
        String domain = companyDomain(query);
        if (domain == null) {
            return Optional.empty();
        }
        return directory.findByDomain(query.tenantId(), domain).map(company -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("company", company.name());
            fields.put("companyInfo", company.toCompanyInfo());
            return new ProviderResult(fields, CONFIDENCE);
        });
    }

    /** Reads the batch's domains together, each tenant's in one directory call; a domain found later is looked up alone. */
    @Override
    public EnrichmentProvider forBatch(List<ProviderQuery> leads) {
        Map<String, Set<String>> domainsByTenant = new LinkedHashMap<>();
        for (ProviderQuery lead : leads) {
            String domain = companyDomain(lead);
            if (domain != null) {
                domainsByTenant.computeIfAbsent(lead.tenantId(), t -> new LinkedHashSet<>()).add(domain);
            }
        }
        Map<TenantDomain, Optional<CompanyProfile>> known = new HashMap<>();
        domainsByTenant.forEach((tenantId, domains) -> {
            Map<String, CompanyProfile> found = directory.findByDomains(tenantId, domains);
            domains.forEach(domain -> known.put(new TenantDomain(tenantId, domain), Optional.ofNullable(found.get(domain))));
        });
        return new CompanyDirectoryProvider((tenantId, domain) -> known.computeIfAbsent(new TenantDomain(tenantId, domain),
                key -> directory.findByDomain(tenantId, domain)));
    }

    private record TenantDomain(String tenantId, String domain) {
    }

    /** The domain to look up in the directory: none for free-mail addresses. */
    private static String companyDomain(ProviderQuery query) {
        String domain = domain(query);
        return domain == null || EmailAnalysisProvider.FREE_MAIL.contains(domain) ? null : domain;
    }

    @SuppressWarnings("unchecked")
    private static String domain(ProviderQuery query) {
        String email = query.email();
        if (email != null && email.contains("@")) {
            return email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        }
        if (query.known().get("companyInfo") instanceof Map<?, ?> info && info.get("domain") instanceof String d) {
            return d.toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
