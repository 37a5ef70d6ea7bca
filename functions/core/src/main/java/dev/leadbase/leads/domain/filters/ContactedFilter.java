package dev.leadbase.leads.domain.filters;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code lastContactedAfter} (inclusive) and {@code lastContactedBefore} (exclusive): leads last contacted in
 * that window (never-contacted leads are in none); ordered by contact time unless {@code sortBy} says otherwise.
 */
public final class ContactedFilter {
    private ContactedFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        Instant from = in.date("lastContactedAfter");
        Instant to = in.date("lastContactedBefore");
        in.ordered(from, to, "lastContactedAfter", "lastContactedBefore");
        return TimeWindow.of(TimeWindow.Field.CONTACTED, from, to);
    }
}
