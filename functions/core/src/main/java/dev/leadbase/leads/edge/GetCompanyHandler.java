package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.edge.CompanyViews;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/companies/{id}}: one company of the caller's tenant. */
public final class GetCompanyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Companies companies;

    public GetCompanyHandler() {
        this(Wiring.httpApi(), Wiring.companies());
    }

    public GetCompanyHandler(HttpApi api, Companies companies) {
        this.api = api;
        this.companies = companies;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_READ, "reading companies", request -> {
            return ApiResult.ok(CompanyViews.company(companies.get(request.principal(), request.pathParameter("id"))));
        });
    }
}
