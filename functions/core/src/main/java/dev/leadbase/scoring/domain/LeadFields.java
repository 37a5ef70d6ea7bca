package dev.leadbase.scoring.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the fields profile rules name from a lead's wire representation, including derived email fields. */
public final class LeadFields {
    /** Consumer mailbox providers: an address there says little about the company. */
    public static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
            "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com",
            "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "yandex.ru",
            "zoho.com", "qq.com", "163.com", "hey.com");
    public static final String EMAIL_DOMAIN = "emailDomain";
    public static final String EMAIL_FREE_MAIL = "emailFreeMail";

    private final Map<String, Object> lead;

    public LeadFields(Map<String, Object> lead) {
        this.lead = lead == null ? Map.of() : lead;
    }

    /** The value at {@code path}: a top-level field, {@code customFields.<name>}, or a derived field. */
    public Optional<Object> get(String path) {
        if (EMAIL_DOMAIN.equals(path)) {
            return emailDomain().map(d -> d);
        }
        if (EMAIL_FREE_MAIL.equals(path)) {
            return emailDomain().map(FREE_MAIL::contains);
        }
        Object current = lead;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    private Optional<String> emailDomain() {
        Object email = lead.get("email");
        if (email instanceof String s && s.indexOf('@') > 0) {
            return Optional.of(s.substring(s.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
