package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.leads.app.Leads;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/leads}: one page of the caller's visible leads, filtered and sorted on an index. */
public final class ListLeadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Leads leads;

    public ListLeadsHandler() {
        this(Wiring.httpApi(), Wiring.leads());
    }

    public ListLeadsHandler(HttpApi api, Leads leads) {
        this.api = api;
        this.leads = leads;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_READ, "reading leads", request ->
                ApiResult.ok(LeadViews.list(leads.list(request.principal(), ListLeadsParams.of(request, api.now())))));
    }
}
