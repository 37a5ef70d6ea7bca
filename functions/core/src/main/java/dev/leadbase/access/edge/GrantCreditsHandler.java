package dev.leadbase.access.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.access.app.Tenants;
import dev.leadbase.composition.Wiring;

/** {@code POST /api/v2/admin/tenants/{tenantId}/credits}: adds credits to a tenant's balance (platform admin). */
public final class GrantCreditsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Tenants tenants;

    public GrantCreditsHandler() {
        this(Wiring.httpApi(), Wiring.tenants());
    }

    public GrantCreditsHandler(HttpApi api, Tenants tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleAdmin(event, context, request -> {
            String tenantId = request.pathParameter("tenantId");
            var body = request.jsonBody();
            Long amount = body.integer("amount").orElse(null);
            if (amount == null) {
                body.invalid("amount", "Is required: an integer between 1 and " + Tenants.MAX_GRANT);
            }
            body.done();
            return ApiResult.ok(KeyViews.balance(tenantId, tenants.grant(tenantId, amount)));
        });
    }
}
