package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;

/** {@code PUT /api/v2/scoring/rulesets/{id}}: replaces a rule set (same type) and queues a re-score. */
public final class ReplaceRulesetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Rulesets rulesets;

    public ReplaceRulesetHandler() {
        this(Wiring.httpApi(), ScoringWiring.rulesets());
    }

    public ReplaceRulesetHandler(HttpApi api, Rulesets rulesets) {
        this.api = api;
        this.rulesets = rulesets;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.SCORING_WRITE, "changing rule sets", request -> {
            String id = request.pathParameter("id");
            Rulesets.Draft draft = ScoringRequests.ruleset(request.jsonBody());
            return ApiResult.ok(ScoringViews.ruleset(rulesets.replace(request.principal().tenantId(), id, draft)));
        });
    }
}
