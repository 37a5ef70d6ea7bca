package dev.leadbase.enrichment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.core.auth.Permission;
import dev.leadbase.core.enrichment.EnrichmentQueries;
import dev.leadbase.core.http.ApiResult;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.wiring.Wiring;

/** {@code GET /api/v2/enrich?limit=&cursor=}: the tenant's jobs, newest first. */
public final class ListEnrichmentJobsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 20;
    private final HttpApi api;
    private final EnrichmentQueries queries;

    public ListEnrichmentJobsHandler() {
        this(Wiring.httpApi(), Wiring.enrichmentQueries());
    }

    public ListEnrichmentJobsHandler(HttpApi api, EnrichmentQueries queries) {
        this.api = api;
        this.queries = queries;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_ENRICH, "reading enrichment jobs", request -> {
            var params = request.queryParams();
            int limit = params.integer("limit", 1, 100).orElse(DEFAULT_LIMIT);
            String cursor = params.get("cursor").orElse(null);
            params.done();
            return ApiResult.ok(queries.list(request.access(), cursor, limit));
        });
    }
}
