package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.scoring.app.EventIngestion;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;
import java.util.List;

/** {@code POST /api/v2/events}: validates 1–100 events for known leads and queues them (202); Idempotency-Key replays. */
public final class TrackEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final EventIngestion ingestion;
    private final Idempotency idempotency;

    public TrackEventsHandler() {
        this(Wiring.httpApi(), ScoringWiring.eventIngestion(), Wiring.idempotency());
    }

    public TrackEventsHandler(HttpApi api, EventIngestion ingestion, Idempotency idempotency) {
        this.api = api;
        this.ingestion = ingestion;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.EVENTS_WRITE, "recording events", request -> idempotency.run(request, () -> {
            // a retry of a request that failed half-way queues the same event ids again: the worker counts each once
            String key = request.header(Idempotency.HEADER).orElse(null);
            List<ScoringEvent> events = ScoringRequests.eventBatch(request.jsonBody(), request.principal().tenantId(),
                    api.now(), key);
            ingestion.accept(request.access(), events);
            return ApiResult.accepted(ScoringViews.accepted(events));
        }));
    }
}
