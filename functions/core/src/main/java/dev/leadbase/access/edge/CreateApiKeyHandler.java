package dev.leadbase.access.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.app.ApiKeys;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code POST /api/v2/api-keys}: issues a key in the caller's own tenant. */
public final class CreateApiKeyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ApiKeys keys;

    public CreateApiKeyHandler() {
        this(Wiring.httpApi(), Wiring.apiKeys());
    }

    public CreateApiKeyHandler(HttpApi api, ApiKeys keys) {
        this.api = api;
        this.keys = keys;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.KEYS_ADMIN, "managing API keys", request ->
                ApiResult.created(KeyViews.issued(keys.issueWithin(request.principal(), KeyRequests.parse(request)))));
    }
}
