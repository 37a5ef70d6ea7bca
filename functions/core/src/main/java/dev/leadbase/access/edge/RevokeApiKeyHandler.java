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
import java.util.Map;

/** {@code DELETE /api/v2/api-keys/{keyId}}: revokes a key of the caller's own tenant. */
public final class RevokeApiKeyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ApiKeys keys;

    public RevokeApiKeyHandler() {
        this(Wiring.httpApi(), Wiring.apiKeys());
    }

    public RevokeApiKeyHandler(HttpApi api, ApiKeys keys) {
        this.api = api;
        this.keys = keys;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.KEYS_ADMIN, "managing API keys", request -> {
            String keyId = request.pathParameter("keyId");
            keys.revokeWithin(request.principal(), keyId);
            return ApiResult.ok(Map.of("keyId", keyId, "revoked", true));
        });
    }
}
