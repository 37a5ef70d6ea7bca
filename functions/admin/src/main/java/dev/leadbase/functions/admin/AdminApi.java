package dev.leadbase.functions.admin;

import static dev.leadbase.access.domain.Permission.KEYS_ADMIN;

import dev.leadbase.access.edge.KeyEndpoints;
import dev.leadbase.access.edge.TenantEndpoints;
import dev.leadbase.composition.AccessWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.shared.http.Route;
import dev.leadbase.shared.http.RouteNotFound;
import dev.leadbase.shared.http.RouteTable;
import java.util.List;

/**
 * The admin jar's HTTP routes: the platform admin API, a tenant's own API keys, and the {@code $default} fallback.
 * Issuing a key is not idempotent on purpose: a stored answer would keep the new key's secret for 24 hours.
 */
public final class AdminApi extends HttpRoutes {
    public AdminApi() {
        this(Components.fromEnvironment());
    }

    public AdminApi(Components c) {
        super(c.httpApi(), routes(c, new AccessWiring(c)));
    }

    private static List<Route> routes(Components c, AccessWiring w) {
        return List.of(
                Route.forPlatformAdmin("POST /api/v2/admin/tenants", () -> TenantEndpoints.create(w.tenants()))
                        .withIdempotencyKey(),
                Route.forPlatformAdmin("POST /api/v2/admin/tenants/{tenantId}/api-keys",
                        () -> KeyEndpoints.issueForTenant(w.apiKeys())),
                Route.forPlatformAdmin("POST /api/v2/admin/tenants/{tenantId}/credits",
                        () -> TenantEndpoints.grantCredits(w.tenants())).withIdempotencyKey(),
                Route.forPlatformAdmin("DELETE /api/v2/admin/api-keys/{keyId}", () -> KeyEndpoints.revokeAny(w.apiKeys())),
                Route.forKey("POST /api/v2/api-keys", KEYS_ADMIN, "managing API keys", () -> KeyEndpoints.issue(w.apiKeys())),
                Route.forKey("GET /api/v2/api-keys", KEYS_ADMIN, "managing API keys",
                        () -> KeyEndpoints.list(w.apiKeyList())).withQuery(),
                Route.forKey("DELETE /api/v2/api-keys/{keyId}", KEYS_ADMIN, "managing API keys",
                        () -> KeyEndpoints.revoke(w.apiKeys())),
                Route.forAnyone("$default",
                        () -> RouteNotFound.endpoint(RouteTable.parse(c.config().get("LEADBASE_ROUTES", "")))));
    }
}
