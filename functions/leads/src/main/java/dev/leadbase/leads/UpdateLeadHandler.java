package dev.leadbase.leads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.leads.Lead;
import dev.leadbase.core.leads.LeadViews;
import dev.leadbase.core.leads.Leads;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.wiring.Wiring;

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
            Lead lead = leads.update(request.principal(), request.pathParameter("id"), request.jsonBody(),
                    IfMatch.version(request));
            return ApiResult.ok(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead));
        });
    }
}
