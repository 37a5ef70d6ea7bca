package dev.leadbase.scoring.edge;

import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.scoring.app.LeadScoreQuery;
import dev.leadbase.scoring.app.TopLeads;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.RuleContribution;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.ScoreExplanation;
import dev.leadbase.scoring.domain.ScoringEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of scoring responses: the one place they are built. */
final class ScoringViews {
    private ScoringViews() {
    }

    static Map<String, Object> ruleset(Ruleset r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("type", r.type().wire());
        m.put("primary", r.primary());
        m.put("rules", RulesetJson.rules(r));
        m.put("thresholds", RulesetJson.thresholds(r.thresholds()));
        m.put("decay", RulesetJson.decay(r.decay()));
        m.put("createdAt", r.createdAt() == null ? null : r.createdAt().toString());
        m.put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
        return m;
    }

    static Map<String, Object> leadScore(LeadScoreQuery.LeadScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leadId", s.leadId());
        m.put("score", s.score());
        m.put("level", s.level());
        m.put("lastEventAt", s.lastEventAt());
        m.put("lastEventType", s.lastEventType());
        m.put("rulesets", s.rulesets().stream().map(ScoringViews::explanation).toList());
        return m;
    }

    /** Each lead as the leads API shows it, plus its {@code rulesetScore}. */
    static Map<String, Object> topLeads(TopLeads.Ranking ranking) {
        List<Map<String, Object>> leads = ranking.leads().stream().map(r -> {
            Map<String, Object> view = LeadViews.lead(r.lead());
            view.put("rulesetScore", r.rulesetScore());
            return view;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulesetId", ranking.rulesetId());
        m.put("leads", leads);
        return m;
    }

    /** What {@code POST /api/v2/events} answers: how many events were queued, and their ids. */
    static Map<String, Object> accepted(List<ScoringEvent> events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", events.size());
        m.put("eventIds", events.stream().map(ScoringEvent::eventId).toList());
        return m;
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

    /** A page of a listing under {@code name}, each item shown by {@code view}. */
    static <T> Map<String, Object> page(String name, Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, page.items().stream().map(view).toList());
        m.put("nextCursor", page.nextCursor());
        m.put("hasMore", page.nextCursor() != null);
        return m;
    }
}
