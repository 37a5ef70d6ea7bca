package dev.leadbase.companies.edge;

import dev.leadbase.shared.http.QueryParams;
import java.util.Optional;

/** A valid {@code GET /api/v2/companies} query: paging, and a normalised {@code domain} (null: every company). */
public record ListCompaniesQuery(int page, int limit, String cursor, String domain) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    /** Parses and validates the query string, reporting every problem at once. */
    public static ListCompaniesQuery parse(QueryParams q) {
        int page = q.integer("page", 1, Integer.MAX_VALUE).orElse(1);
        int limit = q.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        String cursor = q.get("cursor").filter(s -> !s.isBlank()).orElse(null);
        Optional<String> domain = q.get("domain");
        Optional<String> normalised = domain.flatMap(NewCompany::normaliseDomain);
        if (domain.isPresent() && normalised.isEmpty()) {
            q.invalid("domain", "Must be a domain name such as example.com");
        }
        q.done();
        return new ListCompaniesQuery(page, limit, cursor, normalised.orElse(null));
    }
}
