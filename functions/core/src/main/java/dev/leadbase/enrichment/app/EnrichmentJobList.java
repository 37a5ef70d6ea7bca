package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.EnrichmentJobRepository;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** One page of jobs and its paging facts; {@code cursor} null for the first page. */
    public Map<String, Object> list(AccessPolicy access, String cursor, int limit) {
        CursorScope scope = CursorScope.of(PagedRoute.ENRICHMENT_JOBS, access.caller());
        String after = cursor == null ? null : cursors.open(scope, cursor, AFTER).text("j");
        var page = jobs.list(access.tenantId(), access.ownerScope(), after, limit);
        String next = page.lastJobId() == null ? null : cursors.sign(scope, Position.of("j", page.lastJobId()));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        pagination.put("hasNextPage", next != null);
        pagination.put("nextCursor", next);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobs", page.jobs().stream().map(EnrichmentQueries::summary).toList());
        view.put("pagination", pagination);
        return view;
    }
}
