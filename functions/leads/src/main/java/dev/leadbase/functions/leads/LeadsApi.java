package dev.leadbase.functions.leads;

import static dev.leadbase.access.domain.Permission.LEADS_READ;
import static dev.leadbase.access.domain.Permission.LEADS_WRITE;
import static dev.leadbase.access.domain.Permission.WEBHOOKS_WRITE;

import dev.leadbase.changes.edge.ChangeEndpoints;
import dev.leadbase.composition.ChangesWiring;
import dev.leadbase.composition.CompaniesWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.LeadsWiring;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.companies.edge.CompanyEndpoints;
import dev.leadbase.leads.edge.LeadEndpoints;
import dev.leadbase.webhooks.edge.WebhookEndpoints;
import dev.leadbase.webhooks.edge.DeliveryEndpoints;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.shared.http.Route;
import java.util.ArrayList;
import java.util.List;

/** The leads jar's HTTP routes: leads, companies, the changes feed and webhooks. */
public final class LeadsApi extends HttpRoutes {
    public LeadsApi() {
        this(Components.fromEnvironment());
    }

    public LeadsApi(Components c) {
        super(c.httpApi(), all(routes(c), webhooks(c)));
    }

    private static List<Route> all(List<Route> first, List<Route> more) {
        List<Route> out = new ArrayList<>(first);
        out.addAll(more);
        return List.copyOf(out);
    }

    /**
     * The webhook subscription routes. The create route honours Idempotency-Key in its endpoint (which keeps the secret
     * out of the stored answer), not through {@code withIdempotencyKey()}.
     */
    private static List<Route> webhooks(Components c) {
        String managing = "managing webhooks";
        return List.of(
                Route.forKey("POST /api/v2/webhooks", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.create(new WebhooksWiring(c).webhooks(), c.idempotency())),
                Route.forKey("GET /api/v2/webhooks", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.list(new WebhooksWiring(c).webhooks())).withQuery(),
                Route.forKey("GET /api/v2/webhooks/{id}", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.get(new WebhooksWiring(c).webhooks())),
                Route.forKey("PATCH /api/v2/webhooks/{id}", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.update(new WebhooksWiring(c).webhooks())),
                Route.forKey("DELETE /api/v2/webhooks/{id}", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.delete(new WebhooksWiring(c).webhooks())),
                Route.forKey("POST /api/v2/webhooks/{id}/rotate-secret", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.rotateSecret(new WebhooksWiring(c).webhooks())),
                Route.forKey("GET /api/v2/webhooks/{id}/deliveries", WEBHOOKS_WRITE, managing,
                        () -> DeliveryEndpoints.list(new WebhooksWiring(c).deliveryLogPages())).withQuery(),
                Route.forKey("POST /api/v2/webhooks/{id}/replay", WEBHOOKS_WRITE, managing,
                        () -> DeliveryEndpoints.replay(new WebhooksWiring(c).replays())).withIdempotencyKey());
    }

    /**
     * The lead, company and changes routes. Each builds its slice's wiring when its endpoint is built, so that the
     * handler's construction loads no wiring a route of this function does not use.
     */
    private static List<Route> routes(Components c) {
        String reading = "reading leads";
        String writing = "writing leads";
        return List.of(
                Route.forKey("GET /api/v2/leads", LEADS_READ, reading,
                        () -> LeadEndpoints.list(new LeadsWiring(c).leads(), c.clock())).withQuery(),
                Route.forKey("GET /api/v2/leads/{id}", LEADS_READ, reading,
                        () -> LeadEndpoints.get(new LeadsWiring(c).leads())),
                Route.forKey("POST /api/v2/leads", LEADS_WRITE, writing,
                        () -> LeadEndpoints.create(new LeadsWiring(c).leads())).withIdempotencyKey(),
                Route.forKey("PATCH /api/v2/leads/{id}", LEADS_WRITE, writing,
                        () -> LeadEndpoints.update(new LeadsWiring(c).leads())),
                Route.forKey("DELETE /api/v2/leads/{id}", LEADS_WRITE, writing,
                        () -> LeadEndpoints.delete(new LeadsWiring(c).leads())),
                Route.forKey("POST /api/v2/leads/batch", LEADS_WRITE, writing,
                        () -> LeadEndpoints.batch(new LeadsWiring(c).leads())).withIdempotencyKey(),
                Route.forKey("POST /api/v2/companies", LEADS_WRITE, "writing companies",
                        () -> CompanyEndpoints.create(new CompaniesWiring(c).companies())).withIdempotencyKey(),
                Route.forKey("GET /api/v2/companies", LEADS_READ, "reading companies",
                        () -> CompanyEndpoints.list(new CompaniesWiring(c).companies())).withQuery(),
                Route.forKey("GET /api/v2/companies/{id}", LEADS_READ, "reading companies",
                        () -> CompanyEndpoints.get(new CompaniesWiring(c).companies())),
                Route.forKey("GET /api/v2/changes", LEADS_READ, "reading changes",
                        () -> ChangeEndpoints.list(new ChangesWiring(c).changesList())).withQuery());
    }
}
