package dev.leadbase.scoring.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.shared.ids.IdKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.edge.RulesetJson;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.composition.Wiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v2/scoring/rulesets/{id}/test}: {@code {leadId}} or {@code {lead: {...}}}, plus
 * optional {@code events}; answers the score the rule set would give, rule by rule, changing nothing.
 */
public final class TestRulesetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Rulesets rulesets;
    private final ScoreStore store;
    private final LeadScorer scorer;

    public TestRulesetHandler() {
        this(Wiring.httpApi(), ScoringWiring.rulesets(), ScoringWiring.scoreStore(), ScoringWiring.leadScorer());
    }

    public TestRulesetHandler(HttpApi api, Rulesets rulesets, ScoreStore store, LeadScorer scorer) {
        this.api = api;
        this.rulesets = rulesets;
        this.store = store;
        this.scorer = scorer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context, Permission.SCORING_READ, "testing rule sets", request -> {
            String tenantId = request.principal().tenantId();
            var body = request.jsonBody();
            boolean leadIdGiven = body.raw().hasNonNull("leadId");
            String leadId = body.id("leadId", IdKind.LEAD).orElse(null);
            JsonNode leadNode = body.node("lead").orElse(null);
            JsonNode eventsNode = body.node("events").orElse(null);
            if (leadIdGiven == (leadNode != null)) {
                body.invalid("leadId", "Give either leadId or lead");
            }
            if (leadNode != null && !leadNode.isObject()) {
                body.invalid("lead", "Must be an object of lead fields");
            }
            Map<String, Object> problems = new LinkedHashMap<>();
            List<ScoringEvent> extra = List.of();
            if (eventsNode != null && (!eventsNode.isArray() || eventsNode.size() > 100)) {
                body.invalid("events", "Must be an array of at most 100 events");
            } else if (eventsNode != null) {
                extra = ScoringRequests.events(eventsNode, tenantId, leadId == null ? "test" : leadId, api.now(), problems);
            }
            problems.forEach((k, v) -> body.invalid(k, String.valueOf(v)));
            body.done();
            Ruleset ruleset = rulesets.get(tenantId, request.pathParameter("id"));
            Map<String, Object> lead;
            List<ScoringEvent> stored = List.of();
            if (leadId != null) {
                lead = request.access().leadItem(store.leads(tenantId, List.of(leadId)).stream().findFirst().map(ScoredLead::fields));
                stored = ruleset.engagement() ? store.events(tenantId, leadId) : List.of();
            } else {
                lead = (Map<String, Object>) RulesetJson.value(leadNode);
            }
            return ApiResult.ok(ScoringViews.explanation(scorer.test(ruleset, lead, stored, extra)));
        });
    }
}
