package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.companies.app.Companies;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/companies}: the tenant's companies in name order, by page or cursor. */
public final class ListCompaniesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Companies companies;

    public ListCompaniesHandler() {
        this(Wiring.httpApi(), Wiring.companies());
    }

    public ListCompaniesHandler(HttpApi api, Companies companies) {
        this.api = api;
        this.companies = companies;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_READ, "reading companies", request -> {
            Companies.CompanyList list = companies.list(request.principal(), request.queryParams());
            Map<String, Object> pagination = new LinkedHashMap<>();
            pagination.put("page", list.page());
            pagination.put("limit", list.limit());
            pagination.put("total", list.total());
            pagination.put("pages", (list.total() + list.limit() - 1) / list.limit());
            pagination.put("hasNextPage", list.nextCursor() != null);
            pagination.put("hasPrevPage", list.page() > 1);
            pagination.put("nextCursor", list.nextCursor());
            return ApiResult.ok(Map.of("companies", list.companies().stream().map(Companies::view).toList(),
                    "pagination", pagination));
        });
    }
}
