package dev.leadbase.access.edge;

import dev.leadbase.access.app.ApiKeyList;
import dev.leadbase.access.app.ApiKeys;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import dev.leadbase.shared.http.Pagination;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API key routes: a tenant's own (issue, list, revoke) and the platform admin's (issue for a tenant, revoke any). */
public final class KeyEndpoints {
    static final int DEFAULT_LIMIT = 100;

    private KeyEndpoints() {
    }

    /** {@code POST /api/v2/admin/tenants/{tenantId}/api-keys}. */
    public static Endpoint issueForTenant(ApiKeys keys) {
        return request -> ApiResult.created(KeyViews.issued(
                keys.issue(request.pathParameter("tenantId"), KeyRequests.parse(request))));
    }

    /** {@code DELETE /api/v2/admin/api-keys/{keyId}}. */
    public static Endpoint revokeAny(ApiKeys keys) {
        return request -> {
            String keyId = request.pathParameter("keyId");
            keys.revoke(keyId);
            return ApiResult.ok(Map.of("keyId", keyId, "revoked", true));
        };
    }

    /** {@code POST /api/v2/api-keys}. */
    public static Endpoint issue(ApiKeys keys) {
        return request ->
                ApiResult.created(KeyViews.issued(keys.issueWithin(request.principal(), KeyRequests.parse(request))));
    }

    /** {@code GET /api/v2/api-keys}. */
    public static Endpoint list(ApiKeyList keys) {
        return request -> {
            var params = request.queryParams();
            int limit = params.integer("limit", 1, 100).orElse(DEFAULT_LIMIT);
            String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            params.done();
            ApiKeyList.KeysPage page = keys.list(request.principal(), cursor, limit);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("apiKeys", page.keys().stream().map(KeyViews::key).toList());
            data.put("pagination", Pagination.cursor(limit, page.nextCursor()));
            return ApiResult.ok(data);
        };
    }

    /** {@code DELETE /api/v2/api-keys/{keyId}}. */
    public static Endpoint revoke(ApiKeys keys) {
        return request -> {
            String keyId = request.pathParameter("keyId");
            keys.revokeWithin(request.principal(), keyId);
            return ApiResult.ok(Map.of("keyId", keyId, "revoked", true));
        };
    }
}
