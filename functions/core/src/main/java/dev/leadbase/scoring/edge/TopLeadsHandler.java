package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.ids.IdKind;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.edge.LeadViews;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v2/leads/top?limit=10&rulesetId=}: the highest scores under one rule set (the
 * primary engagement one by default), read in score order from the ScoresTable ranking index; each lead
 * shown as the leads API shows it, plus its {@code rulesetScore}.
 */
public final class TopLeadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final ScoreStore store;
    private final RulesetRepository rulesets;

    public TopLeadsHandler() {
        this(Wiring.httpApi(), ScoringWiring.scoreStore(), ScoringWiring.rulesetRepository());
    }

    public TopLeadsHandler(HttpApi api, ScoreStore store, RulesetRepository rulesets) {
        this.api = api;
        this.store = store;
        this.rulesets = rulesets;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handleWithQuery(event, context, Permission.LEADS_READ, "reading leads", request -> {
            var query = request.queryParams();
            int limit = query.integer("limit", 1, 100).orElse(10);
            String rulesetId = query.id("rulesetId", IdKind.RULESET, "ruleset_id").orElse(null);
            query.done();
            String tenantId = request.principal().tenantId();
            if (rulesetId == null) {
                rulesetId = rulesets.primaryId(tenantId, RulesetType.ENGAGEMENT)
                        .orElseThrow(() -> new NotFound("No primary engagement rule set; pass rulesetId"));
            } else if (rulesets.find(tenantId, rulesetId).isEmpty()) {
                throw new NotFound("Rule set not found");
            }
            List<Map<String, Object>> leads = new ArrayList<>();
            ScoreStore.Ranked after = null;
            do {
                // own-visibility keys skip others' leads, so a page may need topping up
                ScoreStore.RankedPage page = store.top(tenantId, rulesetId, after, limit);
                Map<String, Long> scores = new LinkedHashMap<>();
                page.items().forEach(r -> scores.put(r.leadId(), r.score()));
                for (Lead lead : store.leadRecords(tenantId, List.copyOf(scores.keySet()))) {
                    if (leads.size() < limit && request.access().reaches(lead)) {
                        Map<String, Object> view = LeadViews.lead(lead);
                        view.put("rulesetScore", scores.get(lead.id()));
                        leads.add(view);
                    }
                }
                after = page.after();
            } while (after != null && leads.size() < limit);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("rulesetId", rulesetId);
            data.put("leads", leads);
            return ApiResult.ok(data);
        });
    }
}
