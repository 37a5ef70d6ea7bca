package dev.leadbase.leads.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-writable fields a create or PATCH carries, each already valid; a field absent from the
 * request is absent here, a field holding null clears it (PATCH).
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

    private final Map<Field<?>, Object> values = new LinkedHashMap<>();

    private LeadForm() {
    }

    /** A form holding {@code values} as given (already valid). */
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
}
