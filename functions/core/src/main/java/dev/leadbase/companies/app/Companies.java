package dev.leadbase.companies.app;

import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyRepository;

import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Use cases of the company directory: create, read, list in name order. */
public final class Companies {
    /** A cursor resumes after a company of the name index: the page reached, its name key and id. */
    private static final Shape AFTER = Shape.of("p", Shape.Type.PAGE, "k", Shape.Type.TEXT, "i", Shape.Type.TEXT);
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

    public Company create(Principal principal, NewCompany c) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Company company = new Company(principal.tenantId(), KeyHasher.newId("cmp_"), c.name(), c.domain(), c.website(),
                c.industry(), c.size(), c.description(), now, now);
        companies.create(company);
        return company;
    }

    public Company get(Principal principal, String id) {
        return companies.find(principal.tenantId(), id).orElseThrow(() -> new NotFound("Company not found"));
    }

    public CompanyList list(Principal principal, ListCompaniesQuery q) {
        CursorScope scope = CursorScope.of(PagedRoute.COMPANIES, principal).filters(q.domain() == null ? "" : q.domain());
        Position position = q.cursor() == null ? null : cursors.open(scope, q.cursor(), AFTER);
        if (q.domain() != null) {
            List<Company> found = companies.findByDomain(principal.tenantId(), q.domain()).stream().toList();
            return new CompanyList(found, 1, q.limit(), found.size(), null);
        }
        int pageNo = position == null ? q.page() : position.page("p");
        long skip = position == null ? (long) (q.page() - 1) * q.limit() : 0;
        CompanyRepository.CompanyPage result = companies.list(principal.tenantId(), skip, q.limit(),
                position == null ? null : new CompanyRepository.After(position.text("k"), position.text("i")));
        boolean more = (long) (pageNo - 1) * q.limit() + result.companies().size() < result.total() && result.last() != null;
        String next = more ? cursors.sign(scope,
                Position.of("p", pageNo + 1, "k", result.last().nameKey(), "i", result.last().companyId())) : null;
        return new CompanyList(result.companies(), pageNo, q.limit(), result.total(), next);
    }
}
