package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one transactional scoring step (profile, replay, decay) writes, in one transaction: new standings,
 * standings of deleted rule sets to remove, and the lead's score fields. Each standing written keeps its pending event
 * ids, unless {@code pending} names it with the ids it is written with instead (a replay, which rebuilt it from the
 * stored events); it has a ranking entry unless {@code unranked} names its rule set ({@link Ruleset#ranked}).
 */
public record StandingChange(List<ScoreState> upserts, Set<String> removals, LeadScoreSummary summary,
                             Instant lastEventAt, String lastEventType, Map<String, Set<String>> pending,
                             Set<String> unranked) {
    public StandingChange {
        upserts = List.copyOf(upserts);
        removals = Set.copyOf(removals);
        unranked = Set.copyOf(unranked);
        Map<String, Set<String>> copy = new HashMap<>();
        pending.forEach((rulesetId, ids) -> copy.put(rulesetId, Set.copyOf(ids)));
        pending = Map.copyOf(copy);
    }

    /** The same change, writing each of its standings with no pending event ids. */
    public StandingChange clearingPending() {
        Map<String, Set<String>> none = new HashMap<>();
        upserts.forEach(s -> none.put(s.rulesetId(), Set.of()));
        return new StandingChange(upserts, removals, summary, lastEventAt, lastEventType, none, unranked);
    }
}
