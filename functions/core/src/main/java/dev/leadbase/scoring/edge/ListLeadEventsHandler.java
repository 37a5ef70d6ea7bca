package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.LeadEventPages;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;
import java.util.List;

/** {@code GET /api/v2/leads/{id}/events?limit=&cursor=}: a lead's events, newest first. */
public final class ListLeadEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ScoreStore store;
    private final LeadEventPages events;

    public ListLeadEventsHandler() {
        this(Wiring.httpApi(), ScoringWiring.scoreStore(), ScoringWiring.leadEventPages());
    }

    public ListLeadEventsHandler(HttpApi api, ScoreStore store, LeadEventPages events) {
        this.api = api;
        this.store = store;
        this.events = events;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_READ, "reading lead events", request -> {
            var query = request.queryParams();
            int limit = query.integer("limit", 1, 100).orElse(25);
            String cursor = query.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            query.done();
            String tenantId = request.principal().tenantId();
            String leadId = request.pathParameter("id");
            request.access().leadItem(store.leads(tenantId, List.of(leadId)).stream().findFirst().map(ScoredLead::fields));
            Page<ScoringEvent> page = events.page(request.principal(), leadId, cursor, limit);
            return ApiResult.ok(ScoringViews.page("events", page.items().stream().map(ScoringViews::event).toList(),
                    page.nextCursor()));
        });
    }
}
