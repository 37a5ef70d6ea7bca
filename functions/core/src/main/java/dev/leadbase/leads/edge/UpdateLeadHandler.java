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

/** {@code PATCH /api/v2/leads/{id}}: changes writable fields; If-Match with the lead's version makes it conditional (412). */
public final class UpdateLeadHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Leads leads;

    public UpdateLeadHandler() {
        this(Wiring.httpApi(), Wiring.leads());
    }

    public UpdateLeadHandler(HttpApi api, Leads leads) {
        this.api = api;
        this.leads = leads;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_WRITE, "writing leads", request -> {
            Lead lead = leads.update(request.principal(), request.pathParameter("id"), LeadBody.of(request.jsonBody()),
                    IfMatch.version(request));
            return ApiResult.ok(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead));
        });
    }
}
