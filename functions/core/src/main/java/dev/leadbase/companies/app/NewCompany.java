package dev.leadbase.companies.app;

/** A valid {@code POST /api/v2/companies} body: a name, and a normalised domain and the other fields when given. */
public record NewCompany(String name, String domain, String website, String industry, String size, String description) {
}
