package dev.leadbase.enrichment.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.composition.Wiring;

/** {@code GET /api/v2/enrich?limit=&cursor=}: the tenant's jobs, newest first. */
public final class ListEnrichmentJobsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final EnrichmentJobList jobs;

    public ListEnrichmentJobsHandler() {
        this(Wiring.httpApi(), Wiring.enrichmentJobList());
    }

    public ListEnrichmentJobsHandler(HttpApi api, EnrichmentJobList jobs) {
        this.api = api;
        this.jobs = jobs;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_ENRICH, "reading enrichment jobs", request ->
                ApiResult.ok(EnrichmentViews.jobs(jobs.list(request.access(), EnrichmentRequests.jobList(request.queryParams())))));
    }
}
