package dev.leadbase.functions.scoring;

import static dev.leadbase.access.domain.Permission.EVENTS_WRITE;
import static dev.leadbase.access.domain.Permission.LEADS_READ;
import static dev.leadbase.access.domain.Permission.SCORING_READ;
import static dev.leadbase.access.domain.Permission.SCORING_WRITE;

import dev.leadbase.composition.Components;
import dev.leadbase.composition.ScoringWiring;
import dev.leadbase.scoring.edge.RulesetEndpoints;
import dev.leadbase.scoring.edge.ScoreEndpoints;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.shared.http.Route;
import java.util.List;

/** The scoring jar's HTTP routes: rule sets, events and scores (its workers are classes of their own). */
public final class ScoringApi extends HttpRoutes {
    public ScoringApi() {
        this(Components.fromEnvironment());
    }

    public ScoringApi(Components c) {
        super(c.httpApi(), routes(c, new ScoringWiring(c)));
    }

    private static List<Route> routes(Components c, ScoringWiring w) {
        return List.of(
                Route.forKey("GET /api/v2/scoring/rulesets", SCORING_READ, "reading rule sets",
                        () -> RulesetEndpoints.list(w.rulesetList())).withQuery(),
                Route.forKey("POST /api/v2/scoring/rulesets", SCORING_WRITE, "creating rule sets",
                        () -> RulesetEndpoints.create(w.rulesets())).withIdempotencyKey(),
                Route.forKey("GET /api/v2/scoring/rulesets/{id}", SCORING_READ, "reading rule sets",
                        () -> RulesetEndpoints.get(w.rulesets())),
                Route.forKey("PUT /api/v2/scoring/rulesets/{id}", SCORING_WRITE, "changing rule sets",
                        () -> RulesetEndpoints.replace(w.rulesets())),
                Route.forKey("DELETE /api/v2/scoring/rulesets/{id}", SCORING_WRITE, "deleting rule sets",
                        () -> RulesetEndpoints.delete(w.rulesets())),
                Route.forKey("POST /api/v2/scoring/rulesets/{id}/test", SCORING_READ, "testing rule sets",
                        () -> RulesetEndpoints.test(w.rulesetTrial(), c.clock())),
                Route.forKey("POST /api/v2/events", EVENTS_WRITE, "recording events",
                        () -> ScoreEndpoints.track(w.eventIngestion(), c.clock())).withIdempotencyKey(),
                Route.forKey("GET /api/v2/leads/{id}/events", LEADS_READ, "reading lead events",
                        () -> ScoreEndpoints.leadEvents(w.leadEventPages())).withQuery(),
                Route.forKey("GET /api/v2/leads/{id}/score", LEADS_READ, "reading lead scores",
                        () -> ScoreEndpoints.leadScore(w.leadScoreQuery())),
                Route.forKey("GET /api/v2/leads/top", LEADS_READ, "reading leads",
                        () -> ScoreEndpoints.top(w.topLeads())).withQuery());
    }
}
