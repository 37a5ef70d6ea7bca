package dev.leadbase.leads.domain.filters;

import java.util.Optional;

/** {@code updatedAfter}: leads changed at or after a time; ordered by update time unless {@code sortBy} says otherwise. */
public final class UpdatedFilter {
    private UpdatedFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return TimeWindow.of(TimeWindow.Field.UPDATED, in.date("updatedAfter"), null);
    }
}
