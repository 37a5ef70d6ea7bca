package dev.leadbase.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.scoring.RulesetJson;
import dev.leadbase.core.scoring.Rulesets;
import dev.leadbase.core.wiring.ScoringWiring;
import dev.leadbase.core.wiring.Wiring;

/** {@code GET /api/v2/scoring/rulesets/{id}}. */
public final class GetRulesetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Rulesets rulesets;

    public GetRulesetHandler() {
        this(Wiring.httpApi(), ScoringWiring.rulesets());
    }

    public GetRulesetHandler(HttpApi api, Rulesets rulesets) {
        this.api = api;
        this.rulesets = rulesets;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.SCORING_READ, "reading rule sets", request -> {
            return ApiResult.ok(RulesetJson.toWire(rulesets.get(request.principal().tenantId(), request.pathParameter("id"))));
        });
    }
}
