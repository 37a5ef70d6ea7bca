package dev.leadbase.enrichment.providers;

import dev.leadbase.enrichment.domain.EnrichmentProvider;
import dev.leadbase.enrichment.domain.LeadInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Offline analysis of the email address: syntax, free-mail, disposable and role addresses; for a
 * business address the company domain and website; a name from the local part
 * ({@code john.doe@} → John Doe); and the likely alternative addresses at the same domain.
 */
public final class EmailAnalysisProvider implements EnrichmentProvider {
    public static final String NAME = "emailAnalysis";
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com",
            "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
            "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
            "yandex.com", "yandex.ru", "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "mail.ru");
    static final Set<String> DISPOSABLE = Set.of("mailinator.com", "guerrillamail.com", "guerrillamail.net",
            "10minutemail.com", "tempmail.com", "temp-mail.org", "yopmail.com", "trashmail.com", "sharklasers.com",
            "getnada.com", "dispostable.com", "maildrop.cc", "throwawaymail.com", "fakeinbox.com", "mintemail.com",
            "mohmal.com", "emailondeck.com", "tempr.email", "discard.email", "spamgourmet.com");
    static final Set<String> ROLES = Set.of("info", "sales", "support", "admin", "contact", "hello", "office", "team",
            "marketing", "billing", "hr", "jobs", "careers", "noreply", "no-reply", "webmaster", "help", "enquiries",
            "inquiries", "accounts", "press", "media", "legal", "privacy", "security", "abuse", "postmaster");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<ProviderResult> lookup(ProviderQuery query) {
        String email = query.email();
        if (email == null) {
            return Optional.empty();
        }
        email = email.toLowerCase(Locale.ROOT);
        boolean valid = LeadInput.EMAIL.matcher(email).matches();
        String local = email.substring(0, Math.max(0, email.indexOf('@')));
        String domain = email.substring(email.indexOf('@') + 1);
        boolean free = FREE_MAIL.contains(domain);
        boolean disposable = DISPOSABLE.contains(domain);
        boolean role = ROLES.contains(local.replaceAll("[+].*$", ""));
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("syntaxValid", valid);
        quality.put("domain", domain);
        quality.put("freeMail", free);
        quality.put("disposable", disposable);
        quality.put("roleAddress", role);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("emailQuality", quality);
        if (!valid || disposable) {
            return Optional.of(new ProviderResult(fields, 0));
        }
        double confidence = free ? 0.3 : 0.5;
        String[] name = role ? null : nameFrom(local);
        if (name != null) {
            fields.put("firstName", name[0]);
            if (name[1] != null) {
                fields.put("lastName", name[1]);
            }
            confidence += 0.1;
        }
        if (!free) {
            Map<String, Object> companyInfo = new LinkedHashMap<>();
            companyInfo.put("domain", domain);
            companyInfo.put("website", "https://" + domain);
            fields.put("companyInfo", companyInfo);
            String first = query.input().firstName() != null ? query.input().firstName() : name == null ? null : name[0];
            String last = query.input().lastName() != null ? query.input().lastName() : name == null ? null : name[1];
            List<String> alternatives = role ? List.of() : alternatives(email, first, last, domain);
            if (!alternatives.isEmpty()) {
                fields.put("alternativeEmails", alternatives);
            }
        }
        return Optional.of(new ProviderResult(fields, confidence));
    }

    /** {first, last-or-null} from local parts like john.doe, john_doe, john-doe, john; null otherwise. */
    static String[] nameFrom(String local) {
        String base = local.replaceAll("[+].*$", "");
        String[] parts = base.split("[._-]");
        if (parts.length == 2 && isName(parts[0]) && isName(parts[1])) {
            return new String[] {capitalise(parts[0]), capitalise(parts[1])};
        }
        if (parts.length == 1 && isName(parts[0]) && parts[0].length() >= 3 && parts[0].length() <= 12) {
            return new String[] {capitalise(parts[0]), null};
        }
        return null;
    }

    static List<String> alternatives(String email, String first, String last, String domain) {
        if (first == null || last == null) {
            return List.of();
        }
        String f = first.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        String l = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (f.isEmpty() || l.isEmpty()) {
            return List.of();
        }
        Set<String> candidates = new LinkedHashSet<>(List.of(f + "." + l, f.charAt(0) + "." + l, f.charAt(0) + l,
                f + l, f));
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            String address = c + "@" + domain;
            if (!address.equals(email) && out.size() < 3) {
                out.add(address);
            }
        }
        return out;
    }

    private static boolean isName(String s) {
        return s.length() >= 2 && s.chars().allMatch(Character::isLetter) && !ROLES.contains(s);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
