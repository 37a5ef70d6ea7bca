package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.TextKeys;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Leads whose stored {@code field} holds {@code value}: the one body of the filters on a single value (status,
 * source, company, companyId, eventType); each filter's class parses its parameters into one.
 */
public record FieldEquals(Field field, String value) implements LeadFilter {
    /** A lead field a filter compares whole, with how the store holds it and what can serve it. */
    public enum Field {
        STATUS("status", Key.STATUS, true, null, lead -> lead.status() == null ? null : lead.status().wire()),
        SOURCE("source", Key.SOURCE, true, null, lead -> lead.source() == null ? null : lead.source().wire()),
        /** The company name, compared case- and accent-folded. */
        COMPANY("company", Key.COMPANY, false, null, lead -> TextKeys.fold(lead.company())),
        COMPANY_ID("companyId", Key.COMPANY_ID, false, null, Lead::companyId),
        /** The type of the lead's latest engagement event; a list under it is best read in that event's order. */
        EVENT_TYPE("lastEventType", null, false, LeadSort.LAST_EVENT_AT, Lead::lastEventType);

        private final String stored;
        private final Key key;
        private final boolean counted;
        private final LeadSort sort;
        private final Function<Lead, String> read;

        Field(String stored, Key key, boolean counted, LeadSort sort, Function<Lead, String> read) {
            this.stored = stored;
            this.key = key;
            this.counted = counted;
            this.sort = sort;
            this.read = read;
        }
    }

    @Override
    public boolean test(Lead lead) {
        return value.equals(field.read.apply(lead));
    }

    @Override
    public List<Condition> conditions() {
        return List.of(field == Field.COMPANY ? Condition.foldedEqual(field.stored, value)
                : Condition.equal(field.stored, value));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.ofNullable(field.key).map(k -> KeyPart.equal(k, value));
    }

    @Override
    public boolean counted() {
        return field.counted;
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.ofNullable(field.sort);
    }
}
