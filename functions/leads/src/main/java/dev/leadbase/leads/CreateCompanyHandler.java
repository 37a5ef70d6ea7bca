package dev.leadbase.leads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.companies.Companies;
import dev.leadbase.core.companies.Company;
import dev.leadbase.core.idempotency.Idempotency;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.wiring.Wiring;

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
                Company company = companies.create(request.principal(), request.jsonBody());
                return ApiResult.created(Companies.view(company)).withHeader("Location", "/api/v2/companies/" + company.id());
            });
        });
    }
}
