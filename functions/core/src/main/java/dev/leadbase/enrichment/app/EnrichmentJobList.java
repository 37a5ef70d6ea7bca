package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.util.List;

/** {@code GET /api/v2/enrich}: the tenant's jobs, newest first, a page at a time behind a signed cursor. */
public final class EnrichmentJobList {
    /** A cursor resumes after a job: its id. */
    private static final Shape AFTER = Shape.of("j", Shape.Type.TEXT);
    private final EnrichmentJobRepository jobs;
    private final CursorSigner cursors;

    public EnrichmentJobList(EnrichmentJobRepository jobs, CursorSigner cursors) {
        this.jobs = jobs;
        this.cursors = cursors;
    }

    /** The page asked for: {@code cursor} null for the first page. */
    public record Query(String cursor, int limit) {
    }

    /** One page of jobs; {@code nextCursor} null on the last page. */
    public record Page(List<EnrichmentJob> jobs, int limit, String nextCursor) {
        public Page {
            jobs = List.copyOf(jobs);
        }
    }

    public Page list(AccessPolicy access, Query query) {
        CursorScope scope = CursorScope.of(PagedRoute.ENRICHMENT_JOBS, access.caller());
        String after = query.cursor() == null ? null : cursors.open(scope, query.cursor(), AFTER).text("j");
        var page = jobs.list(access.tenantId(), access.ownerScope(), after, query.limit());
        String next = page.lastJobId() == null ? null : cursors.sign(scope, Position.of("j", page.lastJobId()));
        return new Page(page.jobs(), query.limit(), next);
    }
}
