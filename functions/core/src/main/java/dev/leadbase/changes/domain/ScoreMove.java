package dev.leadbase.changes.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A lead's score under one rule set moving from one value and level to another: what {@code lead.score_changed}
 * says. A score or level is null when the lead has none under the rule set (not scored yet, or no longer); a level is
 * also null under a rule set that no longer exists.
 */
public record ScoreMove(String tenantId, String leadId, String ownerId, String rulesetId, String rulesetName,
                        Long previousScore, Long score, String previousLevel, String level) {
    public ScoreMove {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(rulesetId, "rulesetId");
    }

    public boolean levelChanged() {
        return !Objects.equals(previousLevel, level);
    }

    /** Whether it says anything: the score or the level differs. */
    public boolean moved() {
        return levelChanged() || !Objects.equals(previousScore, score);
    }

    /** This move told from {@code score} and {@code level} instead (what was last told of the rule set). */
    public ScoreMove from(Long score, String level) {
        return new ScoreMove(tenantId, leadId, ownerId, rulesetId, rulesetName, score, this.score, level, this.level);
    }

    /** The event telling it, placed in the lead's feed partition. */
    public ChangeEvent event(String id, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("leadId", leadId);
        data.put("rulesetId", rulesetId);
        data.put("rulesetName", rulesetName);
        data.put("previousScore", previousScore);
        data.put("score", score);
        data.put("previousLevel", previousLevel);
        data.put("level", level);
        return new ChangeEvent(tenantId, id, ChangeType.LEAD_SCORE_CHANGED, at, leadId, leadId, ownerId, 0, data);
    }
}
