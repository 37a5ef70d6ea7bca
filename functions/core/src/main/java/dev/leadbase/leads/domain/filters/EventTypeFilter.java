package dev.leadbase.leads.domain.filters;

import java.util.Optional;

/** {@code eventType}: leads whose latest engagement event is of this type; ordered by that event's time unless {@code sortBy} says otherwise. */
public final class EventTypeFilter {
    private EventTypeFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return Optional.ofNullable(in.text("eventType", 100, "event_type"))
                .map(type -> new FieldEquals(FieldEquals.Field.EVENT_TYPE, type));
    }
}
