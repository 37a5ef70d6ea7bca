package dev.leadbase.enrichment.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.enrichment.app.EnrichmentQueries;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/enrich/{jobId}}: the job's status, results, failures and credits. */
public final class GetEnrichmentJobHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final EnrichmentQueries queries;

    public GetEnrichmentJobHandler() {
        this(Wiring.httpApi(), Wiring.enrichmentQueries());
    }

    public GetEnrichmentJobHandler(HttpApi api, EnrichmentQueries queries) {
        this.api = api;
        this.queries = queries;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_ENRICH, "reading enrichment jobs", request -> {
            return ApiResult.ok(EnrichmentViews.job(queries.job(request.access(), request.pathParameter("jobId"))));
        });
    }
}
