package dev.leadbase.access.edge;

import dev.leadbase.access.app.Tenants;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/** The platform admin's tenant routes: create a tenant, grant it credits. */
public final class TenantEndpoints {
    private TenantEndpoints() {
    }

    /** {@code POST /api/v2/admin/tenants}. */
    public static Endpoint create(Tenants tenants) {
        return request -> {
            var body = request.jsonBody();
            String name = body.requiredString("name");
            long credits = body.integer("credits").orElse(0L);
            Long limit = body.integer("enrichPerHourLimit").orElse(null);
            Long leadShards = body.integer("leadShards").orElse(null);
            body.done();
            Tenant tenant = tenants.create(name, credits, limit, leadShards);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("tenantId", tenant.tenantId());
            view.put("name", tenant.name());
            view.put("credits", KeyViews.balance(tenant.tenantId(), tenant.credits()));
            view.put("enrichPerHourLimit", tenant.enrichPerHourLimit());
            view.put("leadShards", tenant.leadShards());
            view.put("createdAt", tenant.createdAt().toString());
            return ApiResult.created(view);
        };
    }

    /** {@code POST /api/v2/admin/tenants/{tenantId}/credits}. */
    public static Endpoint grantCredits(Tenants tenants) {
        return request -> {
            String tenantId = request.pathParameter("tenantId");
            var body = request.jsonBody();
            Long amount = body.integer("amount").orElse(null);
            if (amount == null) {
                body.invalid("amount", "Is required: an integer between 1 and " + Tenants.MAX_GRANT);
            }
            body.done();
            return ApiResult.ok(KeyViews.balance(tenantId, tenants.grant(tenantId, amount)));
        };
    }
}
