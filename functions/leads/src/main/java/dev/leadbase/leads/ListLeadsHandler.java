package dev.leadbase.leads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.leads.LeadViews;
import dev.leadbase.core.leads.Leads;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.wiring.Wiring;

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
                ApiResult.ok(LeadViews.list(leads.list(request.principal(), request.queryParams()))));
    }
}
