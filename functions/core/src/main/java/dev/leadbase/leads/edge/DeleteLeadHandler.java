package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.leads.app.Leads;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code DELETE /api/v2/leads/{id}}: deletes a lead with its uniqueness item, counters and search entries. */
public final class DeleteLeadHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Leads leads;

    public DeleteLeadHandler() {
        this(Wiring.httpApi(), Wiring.leads());
    }

    public DeleteLeadHandler(HttpApi api, Leads leads) {
        this.api = api;
        this.leads = leads;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_WRITE, "writing leads", request -> {
            String id = request.pathParameter("id");
            leads.delete(request.principal(), id, IfMatch.version(request));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("deleted", true);
            return ApiResult.ok(data);
        });
    }
}
