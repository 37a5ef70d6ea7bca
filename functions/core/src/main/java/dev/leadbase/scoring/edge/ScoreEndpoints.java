package dev.leadbase.scoring.edge;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.scoring.app.EventIngestion;
import dev.leadbase.scoring.app.LeadEventPages;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.shared.ids.IdKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engagement and score routes: record events, list a lead's events, read its score, the top leads. */
public final class ScoreEndpoints {
    private ScoreEndpoints() {
    }

    /** {@code POST /api/v2/events}. */
    public static Endpoint track(EventIngestion ingestion, Clock clock) {
        return request -> {
            // a retry of a request that failed half-way queues the same event ids again: the worker counts each once
            String key = request.header(Idempotency.HEADER).orElse(null);
            List<ScoringEvent> events = ScoringRequests.eventBatch(request.jsonBody(), request.principal().tenantId(),
                    clock.instant(), key);
            int accepted = ingestion.accept(request.access(), events);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("accepted", accepted);
            data.put("eventIds", events.stream().map(ScoringEvent::eventId).toList());
            return ApiResult.accepted(data);
        };
    }

    /** {@code GET /api/v2/leads/{id}/events}. */
    public static Endpoint leadEvents(ScoreStore store, LeadEventPages events) {
        return request -> {
            var query = request.queryParams();
            int limit = query.integer("limit", 1, 100).orElse(25);
            String cursor = query.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            query.done();
            String tenantId = request.principal().tenantId();
            String leadId = request.pathParameter("id");
            request.access().leadItem(store.leads(tenantId, List.of(leadId)).stream().findFirst());
            Page<ScoringEvent> page = events.page(request.principal(), leadId, cursor, limit);
            return ApiResult.ok(ScoringViews.page("events", page.items().stream().map(ScoringViews::event).toList(),
                    page.nextCursor()));
        };
    }

    /** {@code GET /api/v2/leads/{id}/score}. */
    public static Endpoint leadScore(ScoreStore store, LeadScorer scorer) {
        return request -> {
            String tenantId = request.principal().tenantId();
            String leadId = request.pathParameter("id");
            Map<String, Object> lead = request.access().leadItem(store.leads(tenantId, List.of(leadId)).stream().findFirst());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("leadId", leadId);
            data.put("score", lead.getOrDefault("score", 0L));
            data.put("level", lead.get("level"));
            data.put("lastEventAt", lead.get("lastEventAt"));
            data.put("lastEventType", lead.get("lastEventType"));
            data.put("rulesets", scorer.explain(tenantId, leadId).stream().map(ScoringViews::explanation).toList());
            return ApiResult.ok(data);
        };
    }

    /** {@code GET /api/v2/leads/top}. */
    public static Endpoint top(ScoreStore store, RulesetRepository rulesets) {
        return request -> {
            var query = request.queryParams();
            int limit = query.integer("limit", 1, 100).orElse(10);
            String rulesetId = query.id("rulesetId", IdKind.RULESET, "ruleset_id").orElse(null);
            query.done();
            String tenantId = request.principal().tenantId();
            if (rulesetId == null) {
                rulesetId = rulesets.primaryId(tenantId, RulesetType.ENGAGEMENT)
                        .orElseThrow(() -> new NotFound("No primary engagement rule set; pass rulesetId"));
            } else if (rulesets.find(tenantId, rulesetId).isEmpty()) {
                throw new NotFound("Rule set not found");
            }
            List<Map<String, Object>> leads = new ArrayList<>();
            String cursor = null;
            do {
                // own-visibility keys skip others' leads, so a page may need topping up
                Page<ScoreStore.Ranked> page = store.top(tenantId, rulesetId, cursor, limit);
                Map<String, Long> scores = new LinkedHashMap<>();
                page.items().forEach(r -> scores.put(r.leadId(), r.score()));
                for (Lead lead : store.leadRecords(tenantId, List.copyOf(scores.keySet()))) {
                    if (leads.size() < limit && request.access().reaches(lead)) {
                        Map<String, Object> view = LeadViews.lead(lead);
                        view.put("rulesetScore", scores.get(lead.id()));
                        leads.add(view);
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null && leads.size() < limit);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("rulesetId", rulesetId);
            data.put("leads", leads);
            return ApiResult.ok(data);
        };
    }
}
