package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.TopLeads;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;

/**
 * {@code GET /api/v2/leads/top?limit=10&rulesetId=}: the highest scores under one rule set (the primary engagement
 * one by default); each lead shown as the leads API shows it, plus its {@code rulesetScore}.
 */
public final class TopLeadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final TopLeads topLeads;

    public TopLeadsHandler() {
        this(Wiring.httpApi(), ScoringWiring.topLeads());
    }

    public TopLeadsHandler(HttpApi api, TopLeads topLeads) {
        this.api = api;
        this.topLeads = topLeads;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_READ, "reading leads", request -> {
            TopLeads.Query query = ScoringRequests.topLeads(request.queryParams());
            return ApiResult.ok(ScoringViews.topLeads(topLeads.top(request.access(), query)));
        });
    }
}
