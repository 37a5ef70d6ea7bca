package dev.leadbase.companies.app;

/** A valid {@code GET /api/v2/companies} query: paging, and a normalised {@code domain} (null: every company). */
public record ListCompaniesQuery(int page, int limit, String cursor, String domain) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
}
