package dev.leadbase.companies.app;

import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyRepository;

import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Use cases of the company directory: create, read, list in name order. */
public final class Companies {
    /** A cursor resumes after a company of the name index: the page reached, its name key and id. */
    private static final Shape AFTER = Shape.of("p", Shape.Type.PAGE, "k", Shape.Type.TEXT, "i", Shape.Type.TEXT);
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private final CompanyRepository companies;
    private final CursorSigner cursors;
    private final Clock clock;

    /** A page of companies with paging facts. */
    public record CompanyList(List<Company> companies, int page, int limit, long total, String nextCursor) {
    }

    public Companies(CompanyRepository companies, CursorSigner cursors, Clock clock) {
        this.companies = companies;
        this.cursors = cursors;
        this.clock = clock;
    }

    public Company create(Principal principal, BodyReader body) {
        String name = body.requiredString("name");
        if (name != null && (name.isBlank() || name.trim().length() > 200)) {
            body.invalid("name", "Must be 1 to 200 characters");
        }
        String domain = body.string("domain").map(d -> normaliseDomain(d).orElseGet(() -> {
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Company company = new Company(principal.tenantId(), KeyHasher.newId("cmp_"), name.trim(), domain, website,
                industry, size, description, now, now);
        companies.create(company);
        return company;
    }

    public Company get(Principal principal, String id) {
        return companies.find(principal.tenantId(), id).orElseThrow(() -> new NotFound("Company not found"));
    }

    public CompanyList list(Principal principal, QueryParams q) {
        int page = q.integer("page", 1, Integer.MAX_VALUE).orElse(1);
        int limit = q.integer("limit", 1, 100).orElse(50);
        Optional<String> cursor = q.get("cursor").filter(s -> !s.isBlank());
        Optional<String> domain = q.get("domain");
        Optional<String> normalised = domain.flatMap(Companies::normaliseDomain);
        if (domain.isPresent() && normalised.isEmpty()) {
            q.invalid("domain", "Must be a domain name such as example.com");
        }
        q.done();
        CursorScope scope = CursorScope.of(PagedRoute.COMPANIES, principal).filters(normalised.orElse(""));
        Position position = cursor.map(c -> cursors.open(scope, c, AFTER)).orElse(null);
        if (normalised.isPresent()) {
            List<Company> found = companies.findByDomain(principal.tenantId(), normalised.get()).stream().toList();
            return new CompanyList(found, 1, limit, found.size(), null);
        }
        int pageNo = position == null ? page : position.page("p");
        long skip = position == null ? (long) (page - 1) * limit : 0;
        CompanyRepository.CompanyPage result = companies.list(principal.tenantId(), skip, limit,
                position == null ? null : new CompanyRepository.After(position.text("k"), position.text("i")));
        boolean more = (long) (pageNo - 1) * limit + result.companies().size() < result.total() && result.last() != null;
        String next = more ? cursors.sign(scope,
                Position.of("p", pageNo + 1, "k", result.last().nameKey(), "i", result.last().companyId())) : null;
        return new CompanyList(result.companies(), pageNo, limit, result.total(), next);
    }

    public static Optional<String> normaliseDomain(String raw) {
        String d = raw.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("http://") || d.startsWith("https://")) {
            try {
                d = URI.create(d).getHost();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (d == null) {
                return Optional.empty();
            }
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return DOMAIN.matcher(d).matches() ? Optional.of(d) : Optional.empty();
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

    /** The wire shape of a company. */
    public static Map<String, Object> view(Company c) {
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

}
