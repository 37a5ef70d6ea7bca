package dev.leadbase.scoring.edge;

import dev.leadbase.scoring.app.RulesetList;
import dev.leadbase.scoring.app.RulesetTrial;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import java.time.Clock;

/** The rule set routes: list, create, read, replace, delete, and test one against a lead. */
public final class RulesetEndpoints {
    static final int DEFAULT_LIMIT = 100;

    private RulesetEndpoints() {
    }

    /** {@code GET /api/v2/scoring/rulesets}. */
    public static Endpoint list(RulesetList rulesets) {
        return request -> {
            ScoringRequests.PageQuery page = ScoringRequests.page(request.queryParams(), DEFAULT_LIMIT);
            return ApiResult.ok(ScoringViews.page("rulesets", rulesets.page(request.principal(), page.cursor(),
                    page.limit()), ScoringViews::ruleset));
        };
    }

    /** {@code POST /api/v2/scoring/rulesets}. */
    public static Endpoint create(Rulesets rulesets) {
        return request -> {
            Rulesets.Draft draft = ScoringRequests.ruleset(request.jsonBody());
            return ApiResult.created(ScoringViews.ruleset(rulesets.create(request.principal().tenantId(), draft)));
        };
    }

    /** {@code GET /api/v2/scoring/rulesets/{id}}. */
    public static Endpoint get(Rulesets rulesets) {
        return request -> ApiResult.ok(ScoringViews.ruleset(
                rulesets.get(request.principal().tenantId(), request.pathParameter("id"))));
    }

    /** {@code PUT /api/v2/scoring/rulesets/{id}}. */
    public static Endpoint replace(Rulesets rulesets) {
        return request -> {
            String id = request.pathParameter("id");
            Rulesets.Draft draft = ScoringRequests.ruleset(request.jsonBody());
            return ApiResult.ok(ScoringViews.ruleset(rulesets.replace(request.principal().tenantId(), id, draft)));
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
    public static Endpoint test(RulesetTrial trials, Clock clock) {
        return request -> {
            RulesetTrial.Trial trial = ScoringRequests.trial(request.jsonBody(), request.pathParameter("id"),
                    request.principal().tenantId(), clock.instant());
            return ApiResult.ok(ScoringViews.explanation(trials.run(request.access(), trial)));
        };
    }
}
