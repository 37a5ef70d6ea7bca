package dev.leadbase.core.enrichment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        String domain = domain(query);
        if (domain == null || EmailAnalysisProvider.FREE_MAIL.contains(domain)) {
            return Optional.empty();
        }
        return directory.findByDomain(query.tenantId(), domain).map(company -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("company", company.name());
            fields.put("companyInfo", company.toCompanyInfo());
            return new ProviderResult(fields, CONFIDENCE);
        });
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
