package dev.leadbase.leads.edge;

import dev.leadbase.leads.domain.Dates;
import dev.leadbase.leads.domain.Emails;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.InputRules;
import dev.leadbase.shared.ids.IdKind;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user-writable fields a create or PATCH body carries, each validated; a field absent from the
 * body is absent here, a field sent as null clears it (PATCH). Problems go to the {@link BodyReader}
 * so that every one of them is reported together.
 */
public final class LeadForm {
    /** A typed field name. */
    public record Field<T>(String name) {
    }

    public static final Field<String> FIRST_NAME = new Field<>("firstName");
    public static final Field<String> LAST_NAME = new Field<>("lastName");
    public static final Field<String> EMAIL = new Field<>("email");
    public static final Field<String> LINKEDIN_URL = new Field<>("linkedinUrl");
    public static final Field<String> COMPANY = new Field<>("company");
    public static final Field<String> TITLE = new Field<>("title");
    public static final Field<String> PHONE = new Field<>("phone");
    public static final Field<String> LOCATION = new Field<>("location");
    public static final Field<LeadStatus> STATUS = new Field<>("status");
    public static final Field<LeadSource> SOURCE = new Field<>("source");
    public static final Field<String> NOTES = new Field<>("notes");
    public static final Field<List<String>> TAGS = new Field<>("tags");
    public static final Field<Map<String, Object>> CUSTOM_FIELDS = new Field<>("customFields");
    public static final Field<Instant> LAST_CONTACTED_AT = new Field<>("lastContactedAt");
    public static final Field<String> COMPANY_ID = new Field<>("companyId");
    public static final Field<String> OWNER_ID = new Field<>("ownerId");

    public static final int MAX_TAGS = 50;
    public static final int MAX_CUSTOM_FIELDS = 50;

    private final Map<Field<?>, Object> values = new LinkedHashMap<>();

    private LeadForm() {
    }

    /** A form holding {@code values} as given (already valid): for enrichment and tests. */
    public static LeadForm of(Map<Field<?>, Object> values) {
        LeadForm form = new LeadForm();
        form.values.putAll(values);
        return form;
    }

    public boolean has(Field<?> field) {
        return values.containsKey(field);
    }

    @SuppressWarnings("unchecked")
    public <T> T pick(Field<T> field, T fallback) {
        return values.containsKey(field) ? (T) values.get(field) : fallback;
    }

    public <T> LeadForm with(Field<T> field, T value) {
        values.put(field, value);
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Reads every writable field present in {@code body}; problems are left in the reader. */
    public static LeadForm read(BodyReader body) {
        LeadForm form = new LeadForm();
        form.text(body, FIRST_NAME, 200);
        form.text(body, LAST_NAME, 200);
        form.text(body, COMPANY, 200);
        form.text(body, TITLE, 200);
        form.text(body, PHONE, 50);
        form.text(body, LOCATION, 200);
        form.text(body, NOTES, 10_000);
        form.text(body, OWNER_ID, 100);
        if (body.has(COMPANY_ID.name())) {
            // an id, checked by its format before any store is asked about it
            String companyId = body.id(COMPANY_ID.name(), IdKind.COMPANY).orElse(null);
            if (companyId != null || body.raw().get(COMPANY_ID.name()).isNull()) {
                form.values.put(COMPANY_ID, companyId);
            }
        }
        if (body.has(EMAIL.name())) {
            String email = body.string(EMAIL.name()).orElse(null);
            if (email != null && (!Emails.valid(email) || !InputRules.singleLine(email))) {
                body.invalid(EMAIL.name(), "Must be a valid email address");
            } else {
                form.values.put(EMAIL, email == null ? null : Emails.normalise(email));
            }
        }
        if (body.has(LINKEDIN_URL.name())) {
            String url = body.string(LINKEDIN_URL.name()).map(String::trim).orElse(null);
            if (url != null && !linkedinUrl(url)) {
                body.invalid(LINKEDIN_URL.name(), "Must be a LinkedIn URL such as https://linkedin.com/in/name");
            } else {
                form.values.put(LINKEDIN_URL, url);
            }
        }
        if (body.has(STATUS.name())) {
            Optional<String> raw = body.string(STATUS.name());
            Optional<LeadStatus> status = raw.flatMap(LeadStatus::fromWire);
            if (status.isEmpty()) {
                body.invalid(STATUS.name(), "Must be one of: " + LeadStatus.allWire());
            } else {
                form.values.put(STATUS, status.get());
            }
        }
        if (body.has(SOURCE.name())) {
            Optional<LeadSource> source = body.string(SOURCE.name()).flatMap(LeadSource::fromWire);
            if (source.isEmpty()) {
                body.invalid(SOURCE.name(), "Must be one of: " + LeadSource.allWire());
            } else {
                form.values.put(SOURCE, source.get());
            }
        }
        if (body.has(TAGS.name())) {
            Optional<List<String>> tags = body.strings(TAGS.name());
            if (tags.isPresent()) {
                LinkedHashSet<String> unique = new LinkedHashSet<>();
                tags.get().forEach(t -> unique.add(t.trim()));
                // the bound holds for the list as sent, before repeats are merged
                if (tags.get().size() > MAX_TAGS || unique.stream().anyMatch(t -> t.isEmpty() || t.length() > 50)) {
                    body.invalid(TAGS.name(), "Must be at most " + MAX_TAGS + " tags of 1 to 50 characters");
                } else {
                    form.values.put(TAGS, List.copyOf(unique));
                }
            } else if (body.raw().get(TAGS.name()).isNull()) {
                form.values.put(TAGS, List.of());
            }
        }
        if (body.has(CUSTOM_FIELDS.name())) {
            Optional<JsonNode> node = body.node(CUSTOM_FIELDS.name());
            if (node.isEmpty()) {
                form.values.put(CUSTOM_FIELDS, Map.of());
            } else {
                customFields(node.get()).ifPresentOrElse(m -> form.values.put(CUSTOM_FIELDS, m),
                        () -> body.invalid(CUSTOM_FIELDS.name(), "Must be an object of at most " + MAX_CUSTOM_FIELDS
                                + " fields whose values are strings (up to 1000 characters), numbers, booleans or null"));
            }
        }
        if (body.has(LAST_CONTACTED_AT.name())) {
            Optional<String> raw = body.string(LAST_CONTACTED_AT.name());
            if (raw.isEmpty()) {
                form.values.put(LAST_CONTACTED_AT, null);
            } else {
                Optional<Instant> at = Dates.parseInstant(raw.get());
                if (at.isEmpty()) {
                    body.invalid(LAST_CONTACTED_AT.name(), Dates.FORMAT_MESSAGE);
                } else {
                    form.values.put(LAST_CONTACTED_AT, at.get());
                }
            }
        }
        return form;
    }

    private void text(BodyReader body, Field<String> field, int max) {
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
        if (field != NOTES && !InputRules.singleLine(trimmed)) {
            body.invalid(field.name(), "Must be one line without control characters");
            return;
        }
        values.put(field, trimmed.isEmpty() ? null : trimmed);
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

    /** The names of the fields this form carries, for logs and messages. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        values.keySet().forEach(f -> names.add(f.name()));
        return names;
    }
}
