package dev.leadbase.functions.enrichment;

import static dev.leadbase.access.domain.Permission.LEADS_ENRICH;

import dev.leadbase.composition.Components;
import dev.leadbase.composition.EnrichmentWiring;
import dev.leadbase.enrichment.edge.EnrichmentEndpoints;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.shared.http.Route;
import java.util.List;

/** The enrichment jar's HTTP routes: jobs and the credit balance (its workers are classes of their own). */
public final class EnrichmentApi extends HttpRoutes {
    public EnrichmentApi() {
        this(Components.fromEnvironment());
    }

    public EnrichmentApi(Components c) {
        super(c.httpApi(), routes(new EnrichmentWiring(c)));
    }

    private static List<Route> routes(EnrichmentWiring w) {
        String jobs = "reading enrichment jobs";
        return List.of(
                Route.forKey("POST /api/v2/enrich", LEADS_ENRICH, "lead enrichment",
                        () -> EnrichmentEndpoints.submit(w.submitEnrichment())).withIdempotencyKey(),
                Route.forKey("GET /api/v2/enrich/{jobId}", LEADS_ENRICH, jobs,
                        () -> EnrichmentEndpoints.job(w.enrichmentQueries())),
                Route.forKey("GET /api/v2/enrich", LEADS_ENRICH, jobs,
                        () -> EnrichmentEndpoints.list(w.enrichmentJobList())).withQuery(),
                Route.forKey("GET /api/v2/credits", LEADS_ENRICH, "reading enrichment credits",
                        () -> EnrichmentEndpoints.credits(w.enrichmentQueries())));
    }
}
