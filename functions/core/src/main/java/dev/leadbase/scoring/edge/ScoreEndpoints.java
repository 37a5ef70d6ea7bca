package dev.leadbase.scoring.edge;

import dev.leadbase.scoring.app.EventIngestion;
import dev.leadbase.scoring.app.LeadEventPages;
import dev.leadbase.scoring.app.LeadScoreQuery;
import dev.leadbase.scoring.app.TopLeads;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import dev.leadbase.shared.idempotency.Idempotency;
import java.time.Clock;
import java.util.List;

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
            ingestion.accept(request.access(), events);
            return ApiResult.accepted(ScoringViews.accepted(events));
        };
    }

    /** {@code GET /api/v2/leads/{id}/events}. */
    public static Endpoint leadEvents(LeadEventPages events) {
        return request -> {
            ScoringRequests.PageQuery page = ScoringRequests.page(request.queryParams(), 25);
            return ApiResult.ok(ScoringViews.page("events", events.page(request.access(), request.pathParameter("id"),
                    page.cursor(), page.limit()), ScoringViews::event));
        };
    }

    /** {@code GET /api/v2/leads/{id}/score}. */
    public static Endpoint leadScore(LeadScoreQuery scores) {
        return request -> ApiResult.ok(ScoringViews.leadScore(scores.score(request.access(), request.pathParameter("id"))));
    }

    /** {@code GET /api/v2/leads/top}. */
    public static Endpoint top(TopLeads topLeads) {
        return request -> ApiResult.ok(ScoringViews.topLeads(topLeads.top(request.access(),
                ScoringRequests.topLeads(request.queryParams()))));
    }
}
