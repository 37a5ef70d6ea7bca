package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.leads.app.Leads;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/leads/{id}}: one lead, with its version as ETag. */
public final class GetLeadHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Leads leads;

    public GetLeadHandler() {
        this(Wiring.httpApi(), Wiring.leads());
    }

    public GetLeadHandler(HttpApi api, Leads leads) {
        this.api = api;
        this.leads = leads;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_READ, "reading leads", request -> {
            Lead lead = leads.get(request.principal(), request.pathParameter("id"));
            return ApiResult.ok(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead));
        });
    }
}
