package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.RulesetList;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;

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
            ScoringRequests.PageQuery page = ScoringRequests.page(request.queryParams(), DEFAULT_LIMIT);
            return ApiResult.ok(ScoringViews.page("rulesets", rulesets.page(request.principal(), page.cursor(),
                    page.limit()), ScoringViews::ruleset));
        });
    }
}
