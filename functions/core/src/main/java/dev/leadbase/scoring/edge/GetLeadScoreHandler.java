package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v2/leads/{id}/score}: each rule set's total, rule contributions, decay applied and level. */
public final class GetLeadScoreHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ScoreStore store;
    private final LeadScorer scorer;

    public GetLeadScoreHandler() {
        this(Wiring.httpApi(), ScoringWiring.scoreStore(), ScoringWiring.leadScorer());
    }

    public GetLeadScoreHandler(HttpApi api, ScoreStore store, LeadScorer scorer) {
        this.api = api;
        this.store = store;
        this.scorer = scorer;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.LEADS_READ, "reading lead scores", request -> {
            String tenantId = request.principal().tenantId();
            String leadId = request.pathParameter("id");
            Map<String, Object> lead = request.access().leadItem(store.leads(tenantId, List.of(leadId)).stream().findFirst().map(ScoredLead::fields));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("leadId", leadId);
            data.put("score", lead.getOrDefault("score", 0L));
            data.put("level", lead.get("level"));
            data.put("lastEventAt", lead.get("lastEventAt"));
            data.put("lastEventType", lead.get("lastEventType"));
            data.put("rulesets", scorer.explain(tenantId, leadId).stream().map(ScoringViews::explanation).toList());
            return ApiResult.ok(data);
        });
    }
}
