package dev.leadbase.enrichment.domain;

/** Which kinds of data a job asks for; every kind is included unless switched off. */
public record EnrichmentOptions(boolean includePersonalInfo, boolean includeCompanyInfo,
                                boolean includeSocialProfiles, boolean includeContactInfo) {
    public static final EnrichmentOptions ALL = new EnrichmentOptions(true, true, true, true);

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
}
