package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code lastActive} ({@code 7d}, {@code 30d}): leads with an engagement event in that window; ordered by its time unless {@code sortBy} says otherwise. */
public record LastActiveFilter(Instant from) implements LeadFilter {
    public static Optional<LastActiveFilter> parse(FilterInput in) {
        return in.get("lastActive", "last_active").flatMap(v -> switch (v.trim()) {
            case "7d" -> Optional.of(new LastActiveFilter(in.now().minus(Duration.ofDays(7))));
            case "30d" -> Optional.of(new LastActiveFilter(in.now().minus(Duration.ofDays(30))));
            default -> {
                in.invalid("lastActive", "Must be one of: 7d, 30d");
                yield Optional.empty();
            }
        });
    }

    @Override
    public boolean test(Lead lead) {
        return FilterInput.within(lead.lastEventAt(), from, null);
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.atLeast("lastEventAt", from));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.times(Key.LAST_EVENT, from, null));
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.of(LeadSort.LAST_EVENT_AT);
    }
}
