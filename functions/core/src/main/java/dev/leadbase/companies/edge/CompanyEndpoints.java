package dev.leadbase.companies.edge;

import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;

/** The company routes: create, list, read. */
public final class CompanyEndpoints {
    private CompanyEndpoints() {
    }

    /** {@code POST /api/v2/companies}. */
    public static Endpoint create(Companies companies) {
        return request -> {
            Company company = companies.create(request.principal(), CompanyRequests.newCompany(request.jsonBody()));
            return ApiResult.created(CompanyViews.company(company)).withHeader("Location", "/api/v2/companies/" + company.id());
        };
    }

    /** {@code GET /api/v2/companies}. */
    public static Endpoint list(Companies companies) {
        return request -> ApiResult.ok(CompanyViews.list(companies.list(request.principal(),
                CompanyRequests.listQuery(request.queryParams()))));
    }

    /** {@code GET /api/v2/companies/{id}}. */
    public static Endpoint get(Companies companies) {
        return request -> ApiResult.ok(CompanyViews.company(companies.get(request.principal(), request.pathParameter("id"))));
    }
}
