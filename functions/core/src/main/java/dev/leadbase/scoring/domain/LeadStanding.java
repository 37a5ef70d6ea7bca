package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What scoring reads about a lead: its fields (wire names), the score version that guards
 * concurrent score writers, the newest event, its standing under each rule set, by rule set the ids of the
 * events the events worker applied to that standing whose event items it may not have stored yet ({@code pending}),
 * and the rule sets whose stored standing has no ranking entry ({@code unranked}, see {@link Ruleset#ranked}).
 */
public record LeadStanding(String tenantId, String leadId, Map<String, Object> lead, long scoreVersion,
                           Instant lastEventAt, String lastEventType, Map<String, ScoreState> states,
                           Map<String, Set<String>> pending, Set<String> unranked) {
    public LeadStanding {
        states = Map.copyOf(states);
        Map<String, Set<String>> copy = new HashMap<>();
        pending.forEach((rulesetId, ids) -> copy.put(rulesetId, Set.copyOf(ids)));
        pending = Map.copyOf(copy);
        unranked = Set.copyOf(unranked);
    }

    public LeadStanding(String tenantId, String leadId, Map<String, Object> lead, long scoreVersion,
                        Instant lastEventAt, String lastEventType, Map<String, ScoreState> states) {
        this(tenantId, leadId, lead, scoreVersion, lastEventAt, lastEventType, states, Map.of(), Set.of());
    }

    /** Whether the standing stored under {@code ruleset} has a ranking entry other than its rule set asks. */
    public boolean rankedOtherwise(Ruleset ruleset) {
        return states.containsKey(ruleset.id()) && unranked.contains(ruleset.id()) == ruleset.ranked();
    }

    /** The pending event ids of the standing under {@code rulesetId} (none when it has none, or no standing). */
    public Set<String> pending(String rulesetId) {
        return pending.getOrDefault(rulesetId, Set.of());
    }
}
