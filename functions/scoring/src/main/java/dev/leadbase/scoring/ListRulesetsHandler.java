package dev.leadbase.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.scoring.Page;
import dev.leadbase.core.scoring.Ruleset;
import dev.leadbase.core.scoring.RulesetJson;
import dev.leadbase.core.scoring.RulesetList;
import dev.leadbase.core.wiring.ScoringWiring;
import dev.leadbase.core.wiring.Wiring;

/** {@code GET /api/v2/scoring/rulesets?limit=&cursor=}: the tenant's rule sets, oldest first. */
public final class ListRulesetsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 100;
    private final HttpApi api;
    private final RulesetList rulesets;

    public ListRulesetsHandler() {
        this(Wiring.httpApi(), ScoringWiring.rulesetList());
    }

    public ListRulesetsHandler(HttpApi api, RulesetList rulesets) {
        this.api = api;
        this.rulesets = rulesets;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.SCORING_READ, "reading rule sets", request -> {
            var query = request.queryParams();
            int limit = query.integer("limit", 1, 100).orElse(DEFAULT_LIMIT);
            String cursor = query.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            query.done();
            Page<Ruleset> page = rulesets.page(request.principal(), cursor, limit);
            return ApiResult.ok(ScoringViews.page("rulesets", page.items().stream().map(RulesetJson::toWire).toList(),
                    page.nextCursor()));
        });
    }
}
