package dev.leadbase.enrichment.domain;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.shared.ids.IdKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One lead as submitted for enrichment. The identifier rule (email, or LinkedIn URL, or first
 * name + last name + company, or the id of an existing lead) is checked by {@link #problem()}.
 */
public record LeadInput(String leadId, String email, String linkedinUrl, String firstName, String lastName,
                        String company, String title, String phone) {
    public static final String IDENTIFIER_REQUIRED =
            "At least one identifier (email, LinkedIn URL, or name + company) is required";
    public static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    static final Pattern LINKEDIN = Pattern.compile("^(https?://)?([a-z]{2,3}\\.)?linkedin\\.com/(in|pub)/[^\\s/?#]+/?.*$",
            Pattern.CASE_INSENSITIVE);

    public LeadInput {
        email = clean(email);
        if (email != null) {
            email = email.toLowerCase(Locale.ROOT);
        }
        leadId = clean(leadId);
        linkedinUrl = clean(linkedinUrl);
        firstName = clean(firstName);
        lastName = clean(lastName);
        company = clean(company);
        title = clean(title);
        phone = clean(phone);
    }

    /** The first reason this lead cannot be enriched, or null when it can. */
    public String problem() {
        if (leadId != null && !IdKind.LEAD.valid(leadId)) {
            return "leadId: " + IdKind.LEAD.message();
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            return "email is not a valid email address";
        }
        if (linkedinUrl != null && !LINKEDIN.matcher(linkedinUrl).matches()) {
            return "linkedinUrl is not a LinkedIn profile URL";
        }
        if (email == null && linkedinUrl == null && leadId == null
                && (firstName == null || lastName == null || company == null)) {
            return IDENTIFIER_REQUIRED;
        }
        return null;
    }

    public boolean hasIdentifier() {
        return email != null || linkedinUrl != null || (firstName != null && lastName != null && company != null);
    }

    /** The fields given, by their wire names (what a job shows as a lead's {@code input}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "leadId", leadId);
        put(m, "email", email);
        put(m, "linkedinUrl", linkedinUrl);
        put(m, "firstName", firstName);
        put(m, "lastName", lastName);
        put(m, "company", company);
        put(m, "title", title);
        put(m, "phone", phone);
        return m;
    }

    /** This input with the empty fields taken from a stored lead. */
    public LeadInput filledFrom(Lead lead) {
        return new LeadInput(leadId, or(email, lead.email()), or(linkedinUrl, lead.linkedinUrl()),
                or(firstName, lead.firstName()), or(lastName, lead.lastName()), or(company, lead.company()),
                or(title, lead.title()), or(phone, lead.phone()));
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static String str(Map<String, ?> m, String k) {
        Object v = m.get(k);
        return v instanceof String s ? s : null;
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
