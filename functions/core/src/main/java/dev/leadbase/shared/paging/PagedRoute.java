package dev.leadbase.shared.paging;

/** The routes that page with a cursor; a cursor issued on one is refused by every other. */
public enum PagedRoute {
    LEADS("listLeads"),
    COMPANIES("listCompanies"),
    ENRICHMENT_JOBS("listEnrichmentJobs"),
    LEAD_EVENTS("listLeadEvents"),
    API_KEYS("listApiKeys"),
    RULESETS("listRulesets"),
    WEBHOOKS("listWebhooks"),
    CHANGES("listChanges"),
    WEBHOOK_DELIVERIES("listWebhookDeliveries");

    private final String operationId;

    PagedRoute(String operationId) {
        this.operationId = operationId;
    }

    /** The route's operationId in openapi.yaml: what a cursor is signed for. */
    public String operationId() {
        return operationId;
    }
}
