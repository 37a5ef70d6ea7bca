package dev.leadbase.access.app;

import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.domain.TenantRepository;

import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.ValidationFailed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates tenants and grants them credits. {@code defaultLeadShards} is the K of a tenant created without one (the
 * template's {@code LeadShardsDefault}).
 */
public record Tenants(TenantRepository tenants, int defaultLeadShards, Clock clock) {
    public static final long MAX_GRANT = 100_000_000L;
    public static final long DEFAULT_ENRICH_PER_HOUR = 100;

    public Tenants {
        if (!validLeadShards(defaultLeadShards)) {
            throw new IllegalArgumentException("default lead shards must be between " + LeadShards.MIN + " and "
                    + LeadShards.MAX + ": " + defaultLeadShards);
        }
    }

    public Tenants(TenantRepository tenants, Clock clock) {
        this(tenants, LeadShards.DEFAULT, clock);
    }

    public Tenant create(String name, long credits, Long enrichPerHourLimit) {
        return create(name, credits, enrichPerHourLimit, null);
    }

    /** A new tenant; {@code leadShards} (null: the default) is the K its leads are spread over. */
    public Tenant create(String name, long credits, Long enrichPerHourLimit, Long leadShards) {
        Map<String, Object> invalid = new LinkedHashMap<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            invalid.put("name", "Is required, 1 to 200 characters");
        }
        if (credits < 0 || credits > MAX_GRANT) {
            invalid.put("credits", "Must be between 0 and " + MAX_GRANT);
        }
        if (enrichPerHourLimit != null && (enrichPerHourLimit < 1 || enrichPerHourLimit > 1_000_000)) {
            invalid.put("enrichPerHourLimit", "Must be between 1 and 1000000");
        }
        if (leadShards != null && !validLeadShards(leadShards)) {
            invalid.put("leadShards", LEAD_SHARDS_RULE);
        }
        if (!invalid.isEmpty()) {
            throw new ValidationFailed("Invalid tenant", Map.of("invalidFields", invalid));
        }
        Tenant tenant = new Tenant(KeyHasher.newId("tnt_"), name.trim(), clock.instant(),
                new CreditBalance(credits, 0, 0, credits),
                enrichPerHourLimit == null ? DEFAULT_ENRICH_PER_HOUR : enrichPerHourLimit,
                leadShards == null ? defaultLeadShards : leadShards.intValue());
        tenants.create(tenant);
        return tenant;
    }

    /** The rule a tenant's lead shards are held to, as a client is told it. */
    public static final String LEAD_SHARDS_RULE = "Must be an integer between " + LeadShards.MIN + " and " + LeadShards.MAX;

    private static boolean validLeadShards(long k) {
        return k >= LeadShards.MIN && k <= LeadShards.MAX;
    }

    public CreditBalance grant(String tenantId, long amount) {
        if (amount < 1 || amount > MAX_GRANT) {
            throw new ValidationFailed("Invalid credit grant",
                    Map.of("invalidFields", Map.of("amount", "Must be between 1 and " + MAX_GRANT)));
        }
        return tenants.grant(tenantId, amount).orElseThrow(() -> new NotFound("Tenant not found"));
    }
}
