package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.RulesetTrial;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;

/**
 * {@code POST /api/v2/scoring/rulesets/{id}/test}: {@code {leadId}} or {@code {lead: {...}}}, plus
 * optional {@code events}; answers the score the rule set would give, rule by rule, changing nothing.
 */
public final class TestRulesetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final RulesetTrial trials;

    public TestRulesetHandler() {
        this(Wiring.httpApi(), ScoringWiring.rulesetTrial());
    }

    public TestRulesetHandler(HttpApi api, RulesetTrial trials) {
        this.api = api;
        this.trials = trials;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.SCORING_READ, "testing rule sets", request -> {
            RulesetTrial.Trial trial = ScoringRequests.trial(request.jsonBody(), request.pathParameter("id"),
                    request.principal().tenantId(), api.now());
            return ApiResult.ok(ScoringViews.explanation(trials.run(request.access(), trial)));
        });
    }
}
