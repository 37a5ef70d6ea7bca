package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import java.util.List;
import java.util.Optional;

/** {@code eventType}: leads whose latest engagement event is of this type; ordered by that event's time unless {@code sortBy} says otherwise. */
public record EventTypeFilter(String eventType) implements LeadFilter {
    public static Optional<EventTypeFilter> parse(FilterInput in) {
        return Optional.ofNullable(in.text("eventType", 100, "event_type")).map(EventTypeFilter::new);
    }

    @Override
    public boolean test(Lead lead) {
        return eventType.equals(lead.lastEventType());
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.equal("lastEventType", eventType));
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.of(LeadSort.LAST_EVENT_AT);
    }
}
