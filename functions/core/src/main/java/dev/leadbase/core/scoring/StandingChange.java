package dev.leadbase.core.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one scoring step writes, in one transaction: new standings, standings of deleted rule
 * sets to remove, the lead's score fields, and (for the event worker) the event itself.
 */
public record StandingChange(List<ScoreState> upserts, Set<String> removals, LeadScoreSummary summary,
                             Instant lastEventAt, String lastEventType, ScoringEvent event) {
    public StandingChange {
        upserts = List.copyOf(upserts);
        removals = Set.copyOf(removals);
    }
}
