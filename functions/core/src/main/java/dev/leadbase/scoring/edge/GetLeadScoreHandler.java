package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.LeadScoreQuery;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/leads/{id}/score}: each rule set's total, rule contributions, decay applied and level. */
public final class GetLeadScoreHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final LeadScoreQuery scores;

    public GetLeadScoreHandler() {
        this(Wiring.httpApi(), ScoringWiring.leadScoreQuery());
    }

    public GetLeadScoreHandler(HttpApi api, LeadScoreQuery scores) {
        this.api = api;
        this.scores = scores;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_READ, "reading lead scores", request ->
                ApiResult.ok(ScoringViews.leadScore(scores.score(request.access(), request.pathParameter("id")))));
    }
}
