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
import java.util.Map;

/** {@code GET /api/v2/api-keys}: the caller's tenant's keys, without their secrets. */
public final class ListApiKeysHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ApiKeys keys;

    public ListApiKeysHandler() {
        this(Wiring.httpApi(), Wiring.apiKeys());
    }

    public ListApiKeysHandler(HttpApi api, ApiKeys keys) {
        this.api = api;
        this.keys = keys;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.KEYS_ADMIN, "managing API keys", request -> {
            request.queryParams().done();
            return ApiResult.ok(Map.of("apiKeys", keys.list(request.principal()).stream().map(KeyViews::key).toList()));
        });
    }
}
