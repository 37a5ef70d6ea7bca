package dev.leadbase.leads.domain.filters;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code createdAfter} (inclusive), {@code createdBefore} (exclusive) and {@code range} (a window ending now,
 * or a UTC day): leads created in the intersection of the bounds given.
 */
public final class CreatedFilter {
    private CreatedFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        Instant from = in.date("createdAfter", "created_after");
        Instant to = in.date("createdBefore", "created_before");
        in.ordered(from, to, "createdAfter", "createdBefore");
        Optional<String> range = in.get("range");
        if (range.isPresent()) {
            Instant now = in.now();
            Instant today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
            Instant[] window = switch (range.get().trim()) {
                case "today" -> new Instant[] {today, today.plus(Duration.ofDays(1))};
                case "yesterday" -> new Instant[] {today.minus(Duration.ofDays(1)), today};
                case "last_7d" -> new Instant[] {now.minus(Duration.ofDays(7)), null};
                case "last_30d" -> new Instant[] {now.minus(Duration.ofDays(30)), null};
                case "last_90d" -> new Instant[] {now.minus(Duration.ofDays(90)), null};
                default -> {
                    in.invalid("range", "Must be one of: today, yesterday, last_7d, last_30d, last_90d");
                    yield new Instant[] {null, null};
                }
            };
            from = later(from, window[0]);
            to = earlier(to, window[1]);
            if (from != null && to != null && !from.isBefore(to)) {
                in.invalid("range", "Does not overlap createdAfter and createdBefore");
            }
        }
        return TimeWindow.of(TimeWindow.Field.CREATED, from, to);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
