package dev.leadbase.leads.edge;

import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/** The company routes: create, list, read. */
public final class CompanyEndpoints {
    private CompanyEndpoints() {
    }

    /** {@code POST /api/v2/companies}. */
    public static Endpoint create(Companies companies) {
        return request -> {
            Company company = companies.create(request.principal(), request.jsonBody());
            return ApiResult.created(Companies.view(company)).withHeader("Location", "/api/v2/companies/" + company.id());
        };
    }

    /** {@code GET /api/v2/companies}. */
    public static Endpoint list(Companies companies) {
        return request -> {
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
        };
    }

    /** {@code GET /api/v2/companies/{id}}. */
    public static Endpoint get(Companies companies) {
        return request -> ApiResult.ok(Companies.view(companies.get(request.principal(), request.pathParameter("id"))));
    }
}
