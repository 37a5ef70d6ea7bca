package dev.leadbase.access.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.app.ApiKeyList;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v2/api-keys?limit=&cursor=}: the caller's tenant's keys, without their secrets, in key id order. */
public final class ListApiKeysHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 100;
    private final HttpApi api;
    private final ApiKeyList keys;

    public ListApiKeysHandler() {
        this(Wiring.httpApi(), Wiring.apiKeyList());
    }

    public ListApiKeysHandler(HttpApi api, ApiKeyList keys) {
        this.api = api;
        this.keys = keys;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.KEYS_ADMIN, "managing API keys", request -> {
            var params = request.queryParams();
            int limit = params.integer("limit", 1, 100).orElse(DEFAULT_LIMIT);
            String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            params.done();
            ApiKeyList.KeysPage page = keys.list(request.principal(), cursor, limit);
            Map<String, Object> pagination = new LinkedHashMap<>();
            pagination.put("limit", limit);
            pagination.put("hasNextPage", page.nextCursor() != null);
            pagination.put("nextCursor", page.nextCursor());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("apiKeys", page.keys().stream().map(KeyViews::key).toList());
            data.put("pagination", pagination);
            return ApiResult.ok(data);
        });
    }
}
