package dev.leadbase.enrichment.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which kinds of data a job asks for; every kind is included unless switched off. */
public record EnrichmentOptions(boolean includePersonalInfo, boolean includeCompanyInfo,
                                boolean includeSocialProfiles, boolean includeContactInfo) {
    public static final EnrichmentOptions ALL = new EnrichmentOptions(true, true, true, true);

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("includePersonalInfo", includePersonalInfo);
        m.put("includeCompanyInfo", includeCompanyInfo);
        m.put("includeSocialProfiles", includeSocialProfiles);
        m.put("includeContactInfo", includeContactInfo);
        return m;
    }

    public static EnrichmentOptions fromMap(Map<String, ?> m) {
        return new EnrichmentOptions(flag(m, "includePersonalInfo"), flag(m, "includeCompanyInfo"),
                flag(m, "includeSocialProfiles"), flag(m, "includeContactInfo"));
    }

    /** Whether a field of {@code enrichedData} belongs to a kind this job asked for. */
    public boolean allows(String field) {
        return switch (field) {
            case "firstName", "lastName", "title", "location", "experience", "skills", "bio" -> includePersonalInfo;
            case "company", "companyInfo" -> includeCompanyInfo;
            case "linkedinUrl", "socialProfiles" -> includeSocialProfiles;
            case "phone", "alternativeEmails" -> includeContactInfo;
            default -> true;
        };
    }

    private static boolean flag(Map<String, ?> m, String k) {
        return !(m.get(k) instanceof Boolean b) || b;
    }
}
