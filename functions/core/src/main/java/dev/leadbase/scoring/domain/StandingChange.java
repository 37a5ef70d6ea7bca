package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one scoring step writes, in one transaction: new standings, standings of deleted rule
 * sets to remove, the lead's score fields, and (for the event worker) the events themselves, each stored once.
 */
public record StandingChange(List<ScoreState> upserts, Set<String> removals, LeadScoreSummary summary,
                             Instant lastEventAt, String lastEventType, List<ScoringEvent> events) {
    public StandingChange {
        upserts = List.copyOf(upserts);
        removals = Set.copyOf(removals);
        events = List.copyOf(events);
    }
}
