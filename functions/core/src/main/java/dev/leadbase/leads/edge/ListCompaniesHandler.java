package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.edge.CompanyViews;
import dev.leadbase.companies.edge.ListCompaniesQuery;
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
            return ApiResult.ok(CompanyViews.list(companies.list(request.principal(),
                    ListCompaniesQuery.parse(request.queryParams()))));
        });
    }
}
