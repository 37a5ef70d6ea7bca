package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.leads.app.Leads;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code POST /api/v2/leads/batch}: creates up to 100 leads, one result per item (created, duplicate or invalid). */
public final class BatchCreateLeadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Leads leads;
    private final Idempotency idempotency;

    public BatchCreateLeadsHandler() {
        this(Wiring.httpApi(), Wiring.leads(), Wiring.idempotency());
    }

    public BatchCreateLeadsHandler(HttpApi api, Leads leads, Idempotency idempotency) {
        this.api = api;
        this.leads = leads;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_WRITE, "writing leads", request -> {
            return idempotency.run(request, () ->
                    ApiResult.ok(LeadViews.batch(leads.batch(request.principal(), LeadBody.batch(request.jsonBody())))));
        });
    }
}
