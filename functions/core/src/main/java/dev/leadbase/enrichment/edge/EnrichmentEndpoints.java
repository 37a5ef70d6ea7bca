package dev.leadbase.enrichment.edge;

import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.enrichment.app.EnrichmentQueries;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import java.util.Map;

/** The enrichment routes: submit a job, read one, list them, read the credit balance. */
public final class EnrichmentEndpoints {
    private EnrichmentEndpoints() {
    }

    /** {@code POST /api/v2/enrich}. */
    public static Endpoint submit(SubmitEnrichment submit) {
        return request -> {
            var submitted = submit.submit(request.access(), EnrichmentRequests.submission(request.jsonBody()));
            return new ApiResult(202, EnrichmentViews.submitted(submitted),
                    Map.of("Location", EnrichmentViews.statusUrl(submitted.jobId())));
        };
    }

    /** {@code GET /api/v2/enrich/{jobId}}. */
    public static Endpoint job(EnrichmentQueries queries) {
        return request -> ApiResult.ok(EnrichmentViews.job(queries.job(request.access(), request.pathParameter("jobId"))));
    }

    /** {@code GET /api/v2/enrich}. */
    public static Endpoint list(EnrichmentJobList jobs) {
        return request -> ApiResult.ok(EnrichmentViews.jobs(jobs.list(request.access(),
                EnrichmentRequests.jobList(request.queryParams()))));
    }

    /** {@code GET /api/v2/credits}. */
    public static Endpoint credits(EnrichmentQueries queries) {
        return request -> ApiResult.ok(EnrichmentViews.credits(queries.credits(request.principal().tenantId())));
    }
}
