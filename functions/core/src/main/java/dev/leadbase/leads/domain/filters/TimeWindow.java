package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Leads whose time {@code field} is at or after {@code from} and before {@code to} (a null bound is open): the one
 * body of the date-range filters (created, updated, lastContacted, lastActive); each filter's class parses into one.
 */
public record TimeWindow(Field field, Instant from, Instant to) implements LeadFilter {
    /** A lead time a window filters on, with the index key serving it and the order a list under it is best read in. */
    public enum Field {
        CREATED("createdAt", Key.CREATED, null, Lead::createdAt),
        UPDATED("updatedAt", Key.UPDATED, LeadSort.UPDATED_AT, Lead::updatedAt),
        CONTACTED("lastContactedAt", Key.CONTACTED, LeadSort.LAST_CONTACTED_AT, Lead::lastContactedAt),
        LAST_EVENT("lastEventAt", Key.LAST_EVENT, LeadSort.LAST_EVENT_AT, Lead::lastEventAt);

        private final String stored;
        private final Key key;
        private final LeadSort sort;
        private final Function<Lead, Instant> read;

        Field(String stored, Key key, LeadSort sort, Function<Lead, Instant> read) {
            this.stored = stored;
            this.key = key;
            this.sort = sort;
            this.read = read;
        }
    }

    /** The window, or nothing when both bounds are open (the filter was not asked for). */
    static Optional<LeadFilter> of(Field field, Instant from, Instant to) {
        return from == null && to == null ? Optional.empty() : Optional.of(new TimeWindow(field, from, to));
    }

    @Override
    public boolean test(Lead lead) {
        return FilterInput.within(field.read.apply(lead), from, to);
    }

    @Override
    public List<Condition> conditions() {
        List<Condition> c = new ArrayList<>();
        if (from != null) {
            c.add(Condition.atLeast(field.stored, from));
        }
        if (to != null) {
            c.add(Condition.before(field.stored, to));
        }
        return c;
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.times(field.key, from, to));
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.ofNullable(field.sort);
    }
}
