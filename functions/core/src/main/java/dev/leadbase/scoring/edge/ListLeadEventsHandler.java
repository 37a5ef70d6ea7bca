package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.LeadEventPages;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/leads/{id}/events?limit=&cursor=}: a lead's events, newest first. */
public final class ListLeadEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final LeadEventPages events;

    public ListLeadEventsHandler() {
        this(Wiring.httpApi(), ScoringWiring.leadEventPages());
    }

    public ListLeadEventsHandler(HttpApi api, LeadEventPages events) {
        this.api = api;
        this.events = events;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_READ, "reading lead events", request -> {
            ScoringRequests.PageQuery page = ScoringRequests.page(request.queryParams(), 25);
            return ApiResult.ok(ScoringViews.page("events", events.page(request.access(), request.pathParameter("id"),
                    page.cursor(), page.limit()), ScoringViews::event));
        });
    }
}
