package dev.leadbase.enrichment.domain;

import java.util.Map;

/** The lead fields enrichment found for a lead (null: not found), to write back onto it. */
public record EnrichedFields(String firstName, String lastName, String linkedinUrl, String company, String title,
                             String phone, String location) {
    /** The lead fields among what the providers found: non-blank text under a lead field's name. */
    public static EnrichedFields from(Map<String, Object> found) {
        return new EnrichedFields(text(found, "firstName"), text(found, "lastName"), text(found, "linkedinUrl"),
                text(found, "company"), text(found, "title"), text(found, "phone"), text(found, "location"));
    }

    private static String text(Map<String, Object> found, String field) {
        return found.get(field) instanceof String s && !s.isBlank() ? s : null;
    }
}
