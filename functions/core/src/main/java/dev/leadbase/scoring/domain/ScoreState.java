package dev.leadbase.scoring.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lead's standing under one rule set: the score, what each rule contributed, today's counts for
 * {@code maxPerDay}, the points the floor at 0 added back, and the decay anchor (the undecayed
 * score as of the newest event). {@code version} guards concurrent writers.
 */
public record ScoreState(String rulesetId, RulesetType type, long score, Map<Integer, Long> contributions,
                         Map<String, Integer> daily, long floorAdjustment, long anchorScore, Instant anchorAt,
                         long version) {
    public ScoreState {
        contributions = Map.copyOf(contributions == null ? Map.of() : contributions);
        daily = Map.copyOf(daily == null ? Map.of() : daily);
    }

    public static ScoreState empty(String rulesetId, RulesetType type) {
        return new ScoreState(rulesetId, type, 0, Map.of(), Map.of(), 0, 0, null, 0);
    }

    /** What decay has taken off: the rules' points plus the floor's, minus the score. */
    public long decayApplied() {
        return contributions.values().stream().mapToLong(Long::longValue).sum() + floorAdjustment - score;
    }

    public ScoreState withScore(long newScore) {
        return new ScoreState(rulesetId, type, newScore, contributions, daily, floorAdjustment, anchorScore, anchorAt,
                version);
    }

    /** The same standing, as a fresh item (for replays that replace the stored one). */
    public ScoreState withVersion(long v) {
        return new ScoreState(rulesetId, type, score, contributions, daily, floorAdjustment, anchorScore, anchorAt, v);
    }

    public boolean sameScoreAs(ScoreState other) {
        return other != null && score == other.score && new TreeMap<>(contributions).equals(new TreeMap<>(other.contributions))
                && floorAdjustment == other.floorAdjustment;
    }
}
