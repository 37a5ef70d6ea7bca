package dev.leadbase.companies.edge;

import dev.leadbase.companies.app.ListCompaniesQuery;
import dev.leadbase.companies.app.NewCompany;
import dev.leadbase.companies.domain.Domains;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.QueryParams;
import java.net.URI;
import java.util.Optional;

/** Reads company requests into the records the use cases take, every problem of a request in one 400. */
public final class CompanyRequests {
    private CompanyRequests() {
    }

    /** Reads and validates the body, reporting every problem in one 400. */
    public static NewCompany newCompany(BodyReader body) {
        String name = body.requiredString("name");
        if (name != null && (name.isBlank() || name.trim().length() > 200)) {
            body.invalid("name", "Must be 1 to 200 characters");
        }
        String domain = body.string("domain").map(d -> Domains.normalise(d).orElseGet(() -> {
            body.invalid("domain", "Must be a domain name such as example.com");
            return null;
        })).orElse(null);
        String website = body.string("website").map(String::trim).orElse(null);
        if (website != null && (website.length() > 500 || !url(website))) {
            body.invalid("website", "Must be an http(s) URL");
        }
        String industry = text(body, "industry", 100);
        String size = text(body, "size", 50);
        String description = text(body, "description", 5000);
        body.done();
        return new NewCompany(name.trim(), domain, website, industry, size, description);
    }

    /** Parses and validates the query string, reporting every problem at once. */
    public static ListCompaniesQuery listQuery(QueryParams q) {
        int page = q.integer("page", 1, Integer.MAX_VALUE).orElse(1);
        int limit = q.integer("limit", 1, ListCompaniesQuery.MAX_LIMIT).orElse(ListCompaniesQuery.DEFAULT_LIMIT);
        String cursor = q.get("cursor").filter(s -> !s.isBlank()).orElse(null);
        Optional<String> domain = q.get("domain");
        Optional<String> normalised = domain.flatMap(Domains::normalise);
        if (domain.isPresent() && normalised.isEmpty()) {
            q.invalid("domain", "Must be a domain name such as example.com");
        }
        q.done();
        return new ListCompaniesQuery(page, limit, cursor, normalised.orElse(null));
    }

    private static String text(BodyReader body, String name, int max) {
        String v = body.string(name).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (v != null && v.length() > max) {
            body.invalid(name, "Must be at most " + max + " characters");
        }
        return v;
    }

    private static boolean url(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
