package dev.leadbase.enrichment.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** A company of the tenant's directory, as the enrichment sees it. */
public record CompanyProfile(String companyId, String name, String domain, String website, String industry,
                             String size, String description, String founded, String headquarters) {

    /** The API's {@code companyInfo} object (absent values left out). */
    public Map<String, Object> toCompanyInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", name);
        put(m, "website", website != null ? website : domain == null ? null : "https://" + domain);
        put(m, "domain", domain);
        put(m, "industry", industry);
        put(m, "size", size);
        put(m, "description", description);
        put(m, "founded", founded);
        put(m, "headquarters", headquarters);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
