package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.config.Env;

/** Table names, as the template passes them to each function; read once at construction. */
public final class Tables {
    private Tables() {
    }

    public static String tenants() {
        return Env.required("TENANTS_TABLE");
    }

    public static String apiKeys() {
        return Env.required("API_KEYS_TABLE");
    }

    public static String leads() {
        return Env.required("LEADS_TABLE");
    }

    public static String leadIndex() {
        return Env.required("LEAD_INDEX_TABLE");
    }

    public static String companies() {
        return Env.required("COMPANIES_TABLE");
    }

    public static String idempotency() {
        return Env.required("IDEMPOTENCY_TABLE");
    }

    public static String enrichmentJobs() {
        return Env.required("ENRICHMENT_JOBS_TABLE");
    }
}
