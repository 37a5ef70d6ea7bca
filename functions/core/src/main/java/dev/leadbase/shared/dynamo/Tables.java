package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.config.Config;
import java.util.Optional;

/** The tables, each named by the template through one environment variable that a function reads at start-up. */
public enum Tables {
    TENANTS("TENANTS_TABLE"),
    API_KEYS("API_KEYS_TABLE"),
    LEADS("LEADS_TABLE"),
    LEAD_INDEX("LEAD_INDEX_TABLE"),
    COMPANIES("COMPANIES_TABLE"),
    IDEMPOTENCY("IDEMPOTENCY_TABLE"),
    ENRICHMENT_JOBS("ENRICHMENT_JOBS_TABLE"),
    RULESETS("RULESETS_TABLE"),
    SCORES("SCORES_TABLE"),
    EVENTS("EVENTS_TABLE"),
    WEBHOOKS("WEBHOOKS_TABLE"),
    CHANGES("CHANGES_TABLE"),
    /** Webhook delivery attempts (30 days), deliveries being retried, deliveries held while a webhook is disabled. */
    WEBHOOK_DELIVERIES("WEBHOOK_DELIVERIES_TABLE"),
    /** What was last told of each lead's score per rule set (the coalescing of lead.score_changed). */
    SCORE_CHANGES("SCORE_CHANGES_TABLE"),
    /** The leads table of the previous storage layout, which the upgrade copies; unset when there is none. */
    PREVIOUS_LEADS("PREVIOUS_LEADS_TABLE");

    private final String variable;

    Tables(String variable) {
        this.variable = variable;
    }

    /** This table's name in the function's configuration; a missing variable fails start-up. */
    public String in(Config config) {
        return config.required(variable);
    }

    /** This table's name in the function's configuration, if it names one. */
    public Optional<String> optionalIn(Config config) {
        return config.optional(variable);
    }
}
