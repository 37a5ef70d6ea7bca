package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.EventQueue;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.errors.ValidationFailed;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accepts a batch of events for existing leads and queues them for the event worker. */
public record EventIngestion(ScoreStore store, EventQueue queue) {
    public static final int MAX_EVENTS = 100;

    /**
     * Queues {@code events}, all or none: events for leads the caller cannot reach (unknown, or another user's for
     * an own key) fail the batch, listed by index, the same for both.
     */
    public void accept(AccessPolicy access, List<ScoringEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.leadId()));
        Set<String> missing = access.unreachable(ids, store.owners(access.tenantId(), ids));
        if (!missing.isEmpty()) {
            Map<String, Object> invalid = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                if (missing.contains(events.get(i).leadId())) {
                    invalid.put("events[" + i + "].leadId", "Unknown lead " + events.get(i).leadId());
                }
            }
            throw new ValidationFailed("Unknown lead ids", Map.of("invalidFields", invalid,
                    "unknownLeadIds", List.copyOf(missing)));
        }
        queue.send(events);
    }
}
