package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.config.Config;

/** Table names, as the template passes them to each function; read from the function's configuration. */
public final class Tables {
    private Tables() {
    }

    public static String tenants(Config config) {
        return config.required("TENANTS_TABLE");
    }

    public static String apiKeys(Config config) {
        return config.required("API_KEYS_TABLE");
    }

    public static String leads(Config config) {
        return config.required("LEADS_TABLE");
    }

    public static String leadIndex(Config config) {
        return config.required("LEAD_INDEX_TABLE");
    }

    public static String companies(Config config) {
        return config.required("COMPANIES_TABLE");
    }

    public static String idempotency(Config config) {
        return config.required("IDEMPOTENCY_TABLE");
    }

    public static String enrichmentJobs(Config config) {
        return config.required("ENRICHMENT_JOBS_TABLE");
    }
}
