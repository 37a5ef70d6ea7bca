package dev.leadbase.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.auth.ApiKeys;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.wiring.Wiring;

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
