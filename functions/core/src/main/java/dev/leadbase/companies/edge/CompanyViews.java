package dev.leadbase.companies.edge;

import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.domain.Company;

import dev.leadbase.shared.http.Pagination;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wire shapes of the company directory: a company, and a page of them. */
public final class CompanyViews {
    private CompanyViews() {
    }

    public static Map<String, Object> company(Company c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("name", c.name());
        v.put("domain", c.domain());
        v.put("website", c.website());
        v.put("industry", c.industry());
        v.put("size", c.size());
        v.put("description", c.description());
        v.put("createdAt", c.createdAt().toString());
        v.put("updatedAt", c.updatedAt().toString());
        return v;
    }

    public static Map<String, Object> list(Companies.CompanyList list) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("companies", list.companies().stream().map(CompanyViews::company).toList());
        data.put("pagination", Pagination.of(list.page(), list.limit(), list.total(), list.nextCursor()));
        return data;
    }
}
