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

/** {@code POST /api/v2/scoring/rulesets}: creates a rule set and queues a re-score of the tenant's leads. */
public final class CreateRulesetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Rulesets rulesets;

    public CreateRulesetHandler() {
        this(Wiring.httpApi(), ScoringWiring.rulesets());
    }

    public CreateRulesetHandler(HttpApi api, Rulesets rulesets) {
        this.api = api;
        this.rulesets = rulesets;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.SCORING_WRITE, "creating rule sets", request -> {
            Rulesets.Draft draft = ScoringRequests.ruleset(request.jsonBody());
            return ApiResult.created(ScoringViews.ruleset(rulesets.create(request.principal().tenantId(), draft)));
        });
    }
}
