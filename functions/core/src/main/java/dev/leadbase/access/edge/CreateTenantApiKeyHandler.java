package dev.leadbase.access.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.app.ApiKeys;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code POST /api/v2/admin/tenants/{tenantId}/api-keys}: issues a key for any tenant (platform admin). */
public final class CreateTenantApiKeyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ApiKeys keys;

    public CreateTenantApiKeyHandler() {
        this(Wiring.httpApi(), Wiring.apiKeys());
    }

    public CreateTenantApiKeyHandler(HttpApi api, ApiKeys keys) {
        this.api = api;
        this.keys = keys;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleAdmin(event, context, request -> ApiResult.created(KeyViews.issued(
                keys.issue(request.pathParameter("tenantId"), KeyRequests.parse(request)))));
    }
}
