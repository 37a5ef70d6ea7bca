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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The leads jar's HTTP routes: leads, companies, the changes feed and webhooks. */
public final class LeadsApi extends HttpRoutes {
    public LeadsApi() {
        this(Components.fromEnvironment());
    }

    public LeadsApi(Components c) {
        super(c.httpApi(), all(routes(new LeadsWiring(c), new CompaniesWiring(c), new ChangesWiring(c), c.clock()), webhooks(c)));
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
        WebhooksWiring webhooks = new WebhooksWiring(c);
        String managing = "managing webhooks";
        return List.of(
                Route.forKey("POST /api/v2/webhooks", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.create(webhooks.webhooks(), c.idempotency())),
                Route.forKey("GET /api/v2/webhooks", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.list(webhooks.webhooks())).withQuery(),
                Route.forKey("GET /api/v2/webhooks/{id}", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.get(webhooks.webhooks())),
                Route.forKey("PATCH /api/v2/webhooks/{id}", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.update(webhooks.webhooks())),
                Route.forKey("DELETE /api/v2/webhooks/{id}", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.delete(webhooks.webhooks())),
                Route.forKey("POST /api/v2/webhooks/{id}/rotate-secret", WEBHOOKS_WRITE, managing,
                        () -> WebhookEndpoints.rotateSecret(webhooks.webhooks())),
                Route.forKey("GET /api/v2/webhooks/{id}/deliveries", WEBHOOKS_WRITE, managing,
                        () -> DeliveryEndpoints.list(webhooks.deliveryLogPages())).withQuery(),
                Route.forKey("POST /api/v2/webhooks/{id}/replay", WEBHOOKS_WRITE, managing,
                        () -> DeliveryEndpoints.replay(webhooks.replays())).withIdempotencyKey());
    }

    private static List<Route> routes(LeadsWiring leads, CompaniesWiring companies, ChangesWiring changes, Clock clock) {
        String reading = "reading leads";
        String writing = "writing leads";
        return List.of(
                Route.forKey("GET /api/v2/leads", LEADS_READ, reading, () -> LeadEndpoints.list(leads.leads(), clock)).withQuery(),
                Route.forKey("GET /api/v2/leads/{id}", LEADS_READ, reading, () -> LeadEndpoints.get(leads.leads())),
                Route.forKey("POST /api/v2/leads", LEADS_WRITE, writing, () -> LeadEndpoints.create(leads.leads()))
                        .withIdempotencyKey(),
                Route.forKey("PATCH /api/v2/leads/{id}", LEADS_WRITE, writing, () -> LeadEndpoints.update(leads.leads())),
                Route.forKey("DELETE /api/v2/leads/{id}", LEADS_WRITE, writing, () -> LeadEndpoints.delete(leads.leads())),
                Route.forKey("POST /api/v2/leads/batch", LEADS_WRITE, writing, () -> LeadEndpoints.batch(leads.leads()))
                        .withIdempotencyKey(),
                Route.forKey("POST /api/v2/companies", LEADS_WRITE, "writing companies",
                        () -> CompanyEndpoints.create(companies.companies())).withIdempotencyKey(),
                Route.forKey("GET /api/v2/companies", LEADS_READ, "reading companies",
                        () -> CompanyEndpoints.list(companies.companies())).withQuery(),
                Route.forKey("GET /api/v2/companies/{id}", LEADS_READ, "reading companies",
                        () -> CompanyEndpoints.get(companies.companies())),
                Route.forKey("GET /api/v2/changes", LEADS_READ, "reading changes",
                        () -> ChangeEndpoints.list(changes.changesList())).withQuery());
    }
}
