package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.leads.app.Leads;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

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
                Lead lead = leads.create(request.principal(), LeadBody.of(request.jsonBody()));
                return ApiResult.created(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead))
                        .withHeader("Location", "/api/v2/leads/" + lead.id());
            });
        });
    }
}
