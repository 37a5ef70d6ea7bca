package dev.leadbase.functions.leads;

import static dev.leadbase.access.domain.Permission.LEADS_READ;
import static dev.leadbase.access.domain.Permission.LEADS_WRITE;
import static dev.leadbase.access.domain.Permission.WEBHOOKS_WRITE;

import dev.leadbase.composition.CompaniesWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.LeadsWiring;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.companies.edge.CompanyEndpoints;
import dev.leadbase.leads.edge.LeadEndpoints;
import dev.leadbase.webhooks.edge.DeliveryEndpoints;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.shared.http.Route;
import java.time.Clock;
import java.util.List;

/** The leads jar's HTTP routes: leads, companies and webhooks. */
public final class LeadsApi extends HttpRoutes {
    public LeadsApi() {
        this(Components.fromEnvironment());
    }

    public LeadsApi(Components c) {
        super(c.httpApi(), routes(new LeadsWiring(c), new CompaniesWiring(c), new WebhooksWiring(c), c.clock()));
    }

    private static List<Route> routes(LeadsWiring leads, CompaniesWiring companies, WebhooksWiring webhooks,
                                      Clock clock) {
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
                Route.forKey("GET /api/v2/webhooks/{id}/deliveries", WEBHOOKS_WRITE, "managing webhooks",
                        () -> DeliveryEndpoints.list(webhooks.deliveryLogPages())).withQuery(),
                Route.forKey("POST /api/v2/webhooks/{id}/replay", WEBHOOKS_WRITE, "managing webhooks",
                        () -> DeliveryEndpoints.replay(webhooks.replays())));
    }
}
