package dev.leadbase.enrichment.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.composition.Wiring;
import java.util.Map;

/** {@code POST /api/v2/enrich}: reserves credits, queues one message per lead, answers 202 with the job. */
public final class SubmitEnrichmentHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final SubmitEnrichment submit;
    private final Idempotency idempotency;

    public SubmitEnrichmentHandler() {
        this(Wiring.httpApi(), Wiring.submitEnrichment(), Wiring.idempotency());
    }

    public SubmitEnrichmentHandler(HttpApi api, SubmitEnrichment submit, Idempotency idempotency) {
        this.api = api;
        this.submit = submit;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_ENRICH, "lead enrichment", request ->
                idempotency.run(request, () -> {
                    var submitted = submit.submit(request.access(), EnrichmentRequests.submission(request.jsonBody()));
                    return new ApiResult(202, EnrichmentViews.submitted(submitted),
                            Map.of("Location", EnrichmentViews.statusUrl(submitted.jobId())));
                }));
    }
}
