package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lastContactedAfter} (inclusive) and {@code lastContactedBefore} (exclusive): leads last contacted in
 * that window (never-contacted leads are in none); ordered by contact time unless {@code sortBy} says otherwise.
 */
public record ContactedFilter(Instant from, Instant to) implements LeadFilter {
    public static Optional<ContactedFilter> parse(FilterInput in) {
        Instant from = in.date("lastContactedAfter");
        Instant to = in.date("lastContactedBefore");
        in.ordered(from, to, "lastContactedAfter", "lastContactedBefore");
        return from == null && to == null ? Optional.empty() : Optional.of(new ContactedFilter(from, to));
    }

    @Override
    public boolean test(Lead lead) {
        return FilterInput.within(lead.lastContactedAt(), from, to);
    }

    @Override
    public List<Condition> conditions() {
        List<Condition> c = new ArrayList<>();
        if (from != null) {
            c.add(Condition.atLeast("lastContactedAt", from));
        }
        if (to != null) {
            c.add(Condition.before("lastContactedAt", to));
        }
        return c;
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.times(Key.CONTACTED, from, to));
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.of(LeadSort.LAST_CONTACTED_AT);
    }
}
