package dev.leadbase.scoring.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.app.RulesetList;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import dev.leadbase.shared.ids.IdKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule set routes: list, create, read, replace, delete, and test one against a lead. */
public final class RulesetEndpoints {
    static final int DEFAULT_LIMIT = 100;

    private RulesetEndpoints() {
    }

    /** {@code GET /api/v2/scoring/rulesets}. */
    public static Endpoint list(RulesetList rulesets) {
        return request -> {
            var query = request.queryParams();
            int limit = query.integer("limit", 1, 100).orElse(DEFAULT_LIMIT);
            String cursor = query.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            query.done();
            Page<Ruleset> page = rulesets.page(request.principal(), cursor, limit);
            return ApiResult.ok(ScoringViews.page("rulesets", page.items().stream().map(RulesetJson::toWire).toList(),
                    page.nextCursor()));
        };
    }

    /** {@code POST /api/v2/scoring/rulesets}. */
    public static Endpoint create(Rulesets rulesets) {
        return request -> {
            Rulesets.Draft draft = ScoringRequests.ruleset(request.jsonBody());
            return ApiResult.created(RulesetJson.toWire(rulesets.create(request.principal().tenantId(), draft)));
        };
    }

    /** {@code GET /api/v2/scoring/rulesets/{id}}. */
    public static Endpoint get(Rulesets rulesets) {
        return request ->
                ApiResult.ok(RulesetJson.toWire(rulesets.get(request.principal().tenantId(), request.pathParameter("id"))));
    }

    /** {@code PUT /api/v2/scoring/rulesets/{id}}. */
    public static Endpoint replace(Rulesets rulesets) {
        return request -> {
            String id = request.pathParameter("id");
            Rulesets.Draft draft = ScoringRequests.ruleset(request.jsonBody());
            return ApiResult.ok(RulesetJson.toWire(rulesets.replace(request.principal().tenantId(), id, draft)));
        };
    }

    /** {@code DELETE /api/v2/scoring/rulesets/{id}}. */
    public static Endpoint delete(Rulesets rulesets) {
        return request -> {
            rulesets.delete(request.principal().tenantId(), request.pathParameter("id"));
            return ApiResult.noContent();
        };
    }

    /** {@code POST /api/v2/scoring/rulesets/{id}/test}. */
    @SuppressWarnings("unchecked")
    public static Endpoint test(Rulesets rulesets, ScoreStore store, LeadScorer scorer, Clock clock) {
        return request -> {
            String tenantId = request.principal().tenantId();
            var body = request.jsonBody();
            boolean leadIdGiven = body.raw().hasNonNull("leadId");
            String leadId = body.id("leadId", IdKind.LEAD).orElse(null);
            JsonNode leadNode = body.node("lead").orElse(null);
            JsonNode eventsNode = body.node("events").orElse(null);
            if (leadIdGiven == (leadNode != null)) {
                body.invalid("leadId", "Give either leadId or lead");
            }
            if (leadNode != null && !leadNode.isObject()) {
                body.invalid("lead", "Must be an object of lead fields");
            }
            Map<String, Object> problems = new LinkedHashMap<>();
            List<ScoringEvent> extra = List.of();
            if (eventsNode != null && (!eventsNode.isArray() || eventsNode.size() > 100)) {
                body.invalid("events", "Must be an array of at most 100 events");
            } else if (eventsNode != null) {
                extra = ScoringRequests.events(eventsNode, tenantId, leadId == null ? "test" : leadId, clock.instant(),
                        problems);
            }
            problems.forEach((k, v) -> body.invalid(k, String.valueOf(v)));
            body.done();
            Ruleset ruleset = rulesets.get(tenantId, request.pathParameter("id"));
            Map<String, Object> lead;
            List<ScoringEvent> stored = List.of();
            if (leadId != null) {
                lead = request.access().leadItem(store.leads(tenantId, List.of(leadId)).stream().findFirst());
                stored = ruleset.engagement() ? store.events(tenantId, leadId) : List.of();
            } else {
                lead = (Map<String, Object>) RulesetJson.value(leadNode);
            }
            return ApiResult.ok(ScoringViews.explanation(scorer.test(ruleset, lead, stored, extra)));
        };
    }
}
