package dev.leadbase.leads.edge;

import dev.leadbase.leads.domain.Dates;
import dev.leadbase.leads.domain.Emails;
import dev.leadbase.leads.domain.LeadForm;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.WireEnum;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.InputRules;
import dev.leadbase.shared.ids.IdKind;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the user-writable fields of a create or PATCH body into a {@link LeadForm}, each validated; a field
 * absent from the body is absent from the form, a field sent as null clears it. Problems go to the
 * {@link BodyReader} so that every one of them is reported together.
 */
final class LeadFormReader {
    static final int MAX_TAGS = 50;
    static final int MAX_CUSTOM_FIELDS = 50;

    private LeadFormReader() {
    }

    /** Reads every writable field present in {@code body}; problems are left in the reader. */
    public static LeadForm read(BodyReader body) {
        Map<LeadForm.Field<?>, Object> form = new LinkedHashMap<>();
        text(form, body, LeadForm.FIRST_NAME, 200);
        text(form, body, LeadForm.LAST_NAME, 200);
        text(form, body, LeadForm.COMPANY, 200);
        text(form, body, LeadForm.TITLE, 200);
        text(form, body, LeadForm.PHONE, 50);
        text(form, body, LeadForm.LOCATION, 200);
        text(form, body, LeadForm.NOTES, 10_000);
        text(form, body, LeadForm.OWNER_ID, 100);
        if (body.has(LeadForm.COMPANY_ID.name())) {
            // an id, checked by its format before any store is asked about it
            String companyId = body.id(LeadForm.COMPANY_ID.name(), IdKind.COMPANY).orElse(null);
            if (companyId != null || body.raw().get(LeadForm.COMPANY_ID.name()).isNull()) {
                form.put(LeadForm.COMPANY_ID, companyId);
            }
        }
        if (body.has(LeadForm.EMAIL.name())) {
            String email = body.string(LeadForm.EMAIL.name()).orElse(null);
            if (email != null && (!Emails.valid(email) || !InputRules.singleLine(email))) {
                body.invalid(LeadForm.EMAIL.name(), "Must be a valid email address");
            } else {
                form.put(LeadForm.EMAIL, email == null ? null : Emails.normalise(email));
            }
        }
        if (body.has(LeadForm.LINKEDIN_URL.name())) {
            String url = body.string(LeadForm.LINKEDIN_URL.name()).map(String::trim).orElse(null);
            if (url != null && !linkedinUrl(url)) {
                body.invalid(LeadForm.LINKEDIN_URL.name(), "Must be a LinkedIn URL such as https://linkedin.com/in/name");
            } else {
                form.put(LeadForm.LINKEDIN_URL, url);
            }
        }
        oneOf(form, body, LeadForm.STATUS, LeadStatus.class);
        oneOf(form, body, LeadForm.SOURCE, LeadSource.class);
        if (body.has(LeadForm.TAGS.name())) {
            Optional<List<String>> tags = body.strings(LeadForm.TAGS.name());
            if (tags.isPresent()) {
                LinkedHashSet<String> unique = new LinkedHashSet<>();
                tags.get().forEach(t -> unique.add(t.trim()));
                // the bound holds for the list as sent, before repeats are merged
                if (tags.get().size() > MAX_TAGS || unique.stream().anyMatch(t -> t.isEmpty() || t.length() > 50)) {
                    body.invalid(LeadForm.TAGS.name(), "Must be at most " + MAX_TAGS + " tags of 1 to 50 characters");
                } else {
                    form.put(LeadForm.TAGS, List.copyOf(unique));
                }
            } else if (body.raw().get(LeadForm.TAGS.name()).isNull()) {
                form.put(LeadForm.TAGS, List.of());
            }
        }
        if (body.has(LeadForm.CUSTOM_FIELDS.name())) {
            Optional<JsonNode> node = body.node(LeadForm.CUSTOM_FIELDS.name());
            if (node.isEmpty()) {
                form.put(LeadForm.CUSTOM_FIELDS, Map.of());
            } else {
                customFields(node.get()).ifPresentOrElse(m -> form.put(LeadForm.CUSTOM_FIELDS, m),
                        () -> body.invalid(LeadForm.CUSTOM_FIELDS.name(), "Must be an object of at most " + MAX_CUSTOM_FIELDS
                                + " fields whose values are strings (up to 1000 characters), numbers, booleans or null"));
            }
        }
        if (body.has(LeadForm.LAST_CONTACTED_AT.name())) {
            Optional<String> raw = body.string(LeadForm.LAST_CONTACTED_AT.name());
            if (raw.isEmpty()) {
                form.put(LeadForm.LAST_CONTACTED_AT, null);
            } else {
                Optional<Instant> at = Dates.parseInstant(raw.get());
                if (at.isEmpty()) {
                    body.invalid(LeadForm.LAST_CONTACTED_AT.name(), Dates.FORMAT_MESSAGE);
                } else {
                    form.put(LeadForm.LAST_CONTACTED_AT, at.get());
                }
            }
        }
        return LeadForm.of(form);
    }

    private static void text(Map<LeadForm.Field<?>, Object> values, BodyReader body, LeadForm.Field<String> field, int max) {
        if (!body.has(field.name())) {
            return;
        }
        Optional<String> value = body.string(field.name());
        if (value.isEmpty()) {
            if (body.raw().get(field.name()).isNull()) {
                values.put(field, null);
            }
            return;
        }
        String trimmed = value.get().trim();
        if (trimmed.length() > max) {
            body.invalid(field.name(), "Must be at most " + max + " characters");
            return;
        }
        if (field != LeadForm.NOTES && !InputRules.singleLine(trimmed)) {
            body.invalid(field.name(), "Must be one line without control characters");
            return;
        }
        values.put(field, trimmed.isEmpty() ? null : trimmed);
    }

    /** A lead enum by its wire form; another value, or none, is reported. */
    private static <E extends Enum<E> & WireEnum> void oneOf(Map<LeadForm.Field<?>, Object> values, BodyReader body,
                                                             LeadForm.Field<E> field, Class<E> type) {
        if (!body.has(field.name())) {
            return;
        }
        Optional<E> value = body.string(field.name()).flatMap(v -> WireEnum.fromWire(type, v));
        if (value.isEmpty()) {
            body.invalid(field.name(), "Must be one of: " + WireEnum.allWire(type));
        } else {
            values.put(field, value.get());
        }
    }

    private static boolean linkedinUrl(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            return url.length() <= 500 && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && host != null && (host.equalsIgnoreCase("linkedin.com") || host.toLowerCase().endsWith(".linkedin.com"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Map<String, Object>> customFields(JsonNode node) {
        if (!node.isObject() || node.size() > MAX_CUSTOM_FIELDS) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().isEmpty() || e.getKey().length() > 100) {
                return Optional.empty();
            }
            if (v.isTextual() && v.asText().length() <= 1000) {
                fields.put(e.getKey(), v.asText());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                fields.put(e.getKey(), v.asLong());
            } else if (v.isNumber()) {
                fields.put(e.getKey(), v.asDouble());
            } else if (v.isBoolean()) {
                fields.put(e.getKey(), v.asBoolean());
            } else if (v.isNull()) {
                fields.put(e.getKey(), null);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(fields);
    }
}
