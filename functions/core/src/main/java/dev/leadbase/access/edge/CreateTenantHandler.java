package dev.leadbase.access.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.app.Tenants;
import dev.leadbase.composition.Wiring;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/v2/admin/tenants}: creates a tenant (platform admin). */
public final class CreateTenantHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Tenants tenants;

    public CreateTenantHandler() {
        this(Wiring.httpApi(), Wiring.tenants());
    }

    public CreateTenantHandler(HttpApi api, Tenants tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleAdmin(event, context, request -> {
            var body = request.jsonBody();
            String name = body.requiredString("name");
            long credits = body.integer("credits").orElse(0L);
            Long limit = body.integer("enrichPerHourLimit").orElse(null);
            body.done();
            Tenant tenant = tenants.create(name, credits, limit);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("tenantId", tenant.tenantId());
            view.put("name", tenant.name());
            view.put("credits", KeyViews.balance(tenant.tenantId(), tenant.credits()));
            view.put("enrichPerHourLimit", tenant.enrichPerHourLimit());
            view.put("createdAt", tenant.createdAt().toString());
            return ApiResult.created(view);
        });
    }
}
