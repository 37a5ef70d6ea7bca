package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code updatedAfter}: leads changed at or after a time; ordered by update time unless {@code sortBy} says otherwise. */
public record UpdatedFilter(Instant from) implements LeadFilter {
    public static Optional<UpdatedFilter> parse(FilterInput in) {
        return Optional.ofNullable(in.date("updatedAfter")).map(UpdatedFilter::new);
    }

    @Override
    public boolean test(Lead lead) {
        return FilterInput.within(lead.updatedAt(), from, null);
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.atLeast("updatedAt", from));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.times(Key.UPDATED, from, null));
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.of(LeadSort.UPDATED_AT);
    }
}
