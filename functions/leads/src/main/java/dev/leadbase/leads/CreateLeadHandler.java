package dev.leadbase.leads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.idempotency.Idempotency;
import dev.leadbase.core.leads.Lead;
import dev.leadbase.core.leads.LeadViews;
import dev.leadbase.core.leads.Leads;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.wiring.Wiring;

/** {@code POST /api/v2/leads}: creates a lead; a taken email is a 409 naming the existing lead; Idempotency-Key replays. */
public final class CreateLeadHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Leads leads;
    private final Idempotency idempotency;

    public CreateLeadHandler() {
        this(Wiring.httpApi(), Wiring.leads(), Wiring.idempotency());
    }

    public CreateLeadHandler(HttpApi api, Leads leads, Idempotency idempotency) {
        this.api = api;
        this.leads = leads;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_WRITE, "writing leads", request -> {
            return idempotency.run(request, () -> {
                Lead lead = leads.create(request.principal(), request.jsonBody());
                return ApiResult.created(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead))
                        .withHeader("Location", "/api/v2/leads/" + lead.id());
            });
        });
    }
}
