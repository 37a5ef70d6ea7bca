package dev.leadbase.scoring.edge;

import dev.leadbase.scoring.domain.RuleContribution;
import dev.leadbase.scoring.domain.ScoreExplanation;
import dev.leadbase.scoring.domain.ScoringEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of scoring responses. */
final class ScoringViews {
    private ScoringViews() {
    }

    static Map<String, Object> explanation(ScoreExplanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulesetId", e.rulesetId());
        m.put("rulesetName", e.rulesetName());
        m.put("type", e.type().wire());
        m.put("primary", e.primary());
        m.put("total", e.total());
        m.put("level", e.level());
        m.put("rules", e.rules().stream().map(ScoringViews::contribution).toList());
        m.put("decayApplied", e.decayApplied());
        m.put("floorAdjustment", e.floorAdjustment());
        return m;
    }

    private static Map<String, Object> contribution(RuleContribution c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", c.index());
        m.put("rule", c.rule());
        m.put("points", c.rulePoints());
        if (c.maxPerDay() != null) {
            m.put("maxPerDay", c.maxPerDay());
        }
        m.put("matched", c.matched());
        m.put("contribution", c.contribution());
        return m;
    }

    static Map<String, Object> event(ScoringEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", e.eventId());
        m.put("leadId", e.leadId());
        m.put("type", e.type());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("receivedAt", e.receivedAt() == null ? null : e.receivedAt().toString());
        m.put("properties", e.properties());
        return m;
    }

    static Map<String, Object> page(String name, List<?> items, String nextCursor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, items);
        m.put("nextCursor", nextCursor);
        m.put("hasMore", nextCursor != null);
        return m;
    }
}
