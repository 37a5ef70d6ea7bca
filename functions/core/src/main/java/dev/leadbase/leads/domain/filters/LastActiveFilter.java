package dev.leadbase.leads.domain.filters;

import java.time.Duration;
import java.util.Optional;

/** {@code lastActive} ({@code 7d}, {@code 30d}): leads with an engagement event in that window; ordered by its time unless {@code sortBy} says otherwise. */
public final class LastActiveFilter {
    private LastActiveFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return in.get("lastActive", "last_active").flatMap(v -> switch (v.trim()) {
            case "7d" -> TimeWindow.of(TimeWindow.Field.LAST_EVENT, in.now().minus(Duration.ofDays(7)), null);
            case "30d" -> TimeWindow.of(TimeWindow.Field.LAST_EVENT, in.now().minus(Duration.ofDays(30)), null);
            default -> {
                in.invalid("lastActive", "Must be one of: 7d, 30d");
                yield Optional.empty();
            }
        });
    }
}
