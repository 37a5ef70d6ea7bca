package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.edge.CompanyViews;
import dev.leadbase.companies.edge.NewCompany;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code POST /api/v2/companies}: adds a company; a taken domain is a 409 naming the existing company. */
public final class CreateCompanyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Companies companies;
    private final Idempotency idempotency;

    public CreateCompanyHandler() {
        this(Wiring.httpApi(), Wiring.companies(), Wiring.idempotency());
    }

    public CreateCompanyHandler(HttpApi api, Companies companies, Idempotency idempotency) {
        this.api = api;
        this.companies = companies;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_WRITE, "writing companies", request -> {
            return idempotency.run(request, () -> {
                Company company = companies.create(request.principal(), NewCompany.read(request.jsonBody()));
                return ApiResult.created(CompanyViews.company(company)).withHeader("Location", "/api/v2/companies/" + company.id());
            });
        });
    }
}
