package dev.leadbase.enrichment.edge;

import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.enrichment.app.EnrichmentQueries;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import java.util.Map;

/** The enrichment routes: submit a job, read one, list them, read the credit balance. */
public final class EnrichmentEndpoints {
    static final int DEFAULT_LIMIT = 20;

    private EnrichmentEndpoints() {
    }

    /** {@code POST /api/v2/enrich}. */
    public static Endpoint submit(SubmitEnrichment submit) {
        return request -> {
            var enrichment = EnrichmentRequestParser.parse(request.jsonBody());
            var submitted = submit.submit(request.access(), enrichment);
            return new ApiResult(202, submitted.toView(), Map.of("Location", submitted.statusUrl()));
        };
    }

    /** {@code GET /api/v2/enrich/{jobId}}. */
    public static Endpoint job(EnrichmentQueries queries) {
        return request -> ApiResult.ok(queries.job(request.access(), request.pathParameter("jobId")));
    }

    /** {@code GET /api/v2/enrich}. */
    public static Endpoint list(EnrichmentJobList jobs) {
        return request -> {
            var params = request.queryParams();
            int limit = params.integer("limit", 1, 100).orElse(DEFAULT_LIMIT);
            String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            params.done();
            return ApiResult.ok(jobs.list(request.access(), cursor, limit));
        };
    }

    /** {@code GET /api/v2/credits}. */
    public static Endpoint credits(EnrichmentQueries queries) {
        return request -> ApiResult.ok(queries.creditsView(request.principal().tenantId()));
    }
}
