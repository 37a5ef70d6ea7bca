package dev.leadbase.core.wiring;

import dev.leadbase.core.auth.ApiKeyList;
import dev.leadbase.core.auth.ApiKeys;
import dev.leadbase.core.auth.Authenticator;
import dev.leadbase.core.auth.KeyHasher;
import dev.leadbase.core.aws.AwsClients;
import dev.leadbase.core.aws.SecretConfig;
import dev.leadbase.core.config.Env;
import dev.leadbase.core.companies.Companies;
import dev.leadbase.core.companies.CompanyRepository;
import dev.leadbase.core.dynamo.DynamoApiKeyRepository;
import dev.leadbase.core.dynamo.DynamoCompanyRepository;
import dev.leadbase.core.dynamo.DynamoIdempotencyStore;
import dev.leadbase.core.dynamo.DynamoLeadRepository;
import dev.leadbase.core.dynamo.LeadSearchIndex;
import dev.leadbase.core.idempotency.Idempotency;
import dev.leadbase.core.leads.LeadRepository;
import dev.leadbase.core.paging.CursorSigner;
import dev.leadbase.core.leads.Leads;
import dev.leadbase.core.dynamo.DynamoTenantRepository;
import dev.leadbase.core.dynamo.DynamoEnrichmentJobRepository;
import dev.leadbase.core.dynamo.Tables;
import dev.leadbase.core.dynamo.DynamoEnrichedLeadStore;
import dev.leadbase.core.enrichment.CompanyDirectory;
import dev.leadbase.core.enrichment.RepositoryCompanyDirectory;
import dev.leadbase.core.enrichment.EnrichmentJobRepository;
import dev.leadbase.core.enrichment.EnrichmentJobList;
import dev.leadbase.core.enrichment.EnrichmentQueries;
import dev.leadbase.core.enrichment.ExpireStaleJobs;
import dev.leadbase.core.enrichment.LeadStore;
import dev.leadbase.core.enrichment.SettleLead;
import dev.leadbase.core.enrichment.SubmitEnrichment;
import dev.leadbase.core.providers.Providers;
import dev.leadbase.core.sqs.SqsEnrichmentQueue;
import dev.leadbase.core.http.HttpApi;
import dev.leadbase.core.tenants.Tenants;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the real collaborators from the function's environment. Handlers' no-argument
 * constructors call these once per container; tests and the local runtime pass their own.
 */
public final class Wiring {
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_KEY_CACHE_TTL_SECONDS = 30;

    private Wiring() {
    }

    public static Clock clock() {
        return Clock.systemUTC();
    }

    public static HttpApi httpApi() {
        return new HttpApi(authenticator(), clock(), Env.integer("LEADBASE_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES));
    }

    public static Authenticator authenticator() {
        return new Authenticator(new DynamoApiKeyRepository(AwsClients.dynamo(), Tables.apiKeys()), clock(),
                Duration.ofSeconds(Env.integer("LEADBASE_KEY_CACHE_TTL_SECONDS", DEFAULT_KEY_CACHE_TTL_SECONDS)),
                Env.optional("LEADBASE_BOOTSTRAP_KEY_SHA256")
                        .or(() -> Env.optional("LEADBASE_BOOTSTRAP_KEY").map(KeyHasher::sha256)));
    }

    public static Tenants tenants() {
        return new Tenants(new DynamoTenantRepository(AwsClients.dynamo(), Tables.tenants()), clock());
    }

    public static LeadRepository leadRepository() {
        return new DynamoLeadRepository(AwsClients.dynamo(), Tables.leads(), Tables.leadIndex());
    }

    public static LeadSearchIndex leadSearchIndex() {
        return new LeadSearchIndex(AwsClients.dynamo(), Tables.leads(), Tables.leadIndex());
    }

    public static CompanyRepository companyRepository() {
        return new DynamoCompanyRepository(AwsClients.dynamo(), Tables.companies(), Tables.leadIndex());
    }

    public static CursorSigner cursorSigner() {
        // LEADBASE_CURSOR_SECRET locally; on AWS the generated secret named by LEADBASE_CURSOR_SECRET_ARN
        return new CursorSigner(SecretConfig.required("LEADBASE_CURSOR_SECRET"));
    }

    public static Leads leads() {
        return new Leads(leadRepository(), companyRepository(), cursorSigner(), clock());
    }

    public static Companies companies() {
        return new Companies(companyRepository(), cursorSigner(), clock());
    }

    public static Idempotency idempotency() {
        return new Idempotency(new DynamoIdempotencyStore(AwsClients.dynamo(), Tables.idempotency()), clock());
    }

    public static ApiKeys apiKeys() {
        return new ApiKeys(new DynamoApiKeyRepository(AwsClients.dynamo(), Tables.apiKeys()),
                new DynamoTenantRepository(AwsClients.dynamo(), Tables.tenants()), clock());
    }

    public static ApiKeyList apiKeyList() {
        return new ApiKeyList(apiKeys(), cursorSigner());
    }

    // ---------------------------------------------------------------- enrichment

    public static EnrichmentJobRepository enrichmentJobs() {
        return new DynamoEnrichmentJobRepository(AwsClients.dynamo(), Tables.enrichmentJobs(), Tables.tenants());
    }

    /** The leads enrichment reads and writes back to; none when the function is given no leads table. */
    public static LeadStore enrichmentLeadStore() {
        return Env.optional("LEADS_TABLE").<LeadStore>map(t -> new DynamoEnrichedLeadStore(leadRepository(),
                AwsClients.dynamo(), t)).orElse(LeadStore.none());
    }

    /** The tenant's companies (the leads issue's directory); empty when the function is given no companies table. */
    public static CompanyDirectory companyDirectory() {
        return Env.optional("COMPANIES_TABLE").<CompanyDirectory>map(t -> new RepositoryCompanyDirectory(companyRepository()))
                .orElse(CompanyDirectory.empty());
    }

    public static SubmitEnrichment submitEnrichment() {
        return new SubmitEnrichment(new DynamoTenantRepository(AwsClients.dynamo(), Tables.tenants()), enrichmentJobs(),
                new SqsEnrichmentQueue(AwsClients.sqs(), Env.required("ENRICHMENT_QUEUE_URL")), enrichmentLeadStore(),
                clock());
    }

    public static SettleLead settleLead() {
        return new SettleLead(enrichmentJobs(), Providers.fromEnv(companyDirectory()), enrichmentLeadStore(), clock());
    }

    public static ExpireStaleJobs expireStaleJobs() {
        return new ExpireStaleJobs(enrichmentJobs(), clock());
    }

    public static EnrichmentQueries enrichmentQueries() {
        return new EnrichmentQueries(new DynamoTenantRepository(AwsClients.dynamo(), Tables.tenants()), enrichmentJobs());
    }

    public static EnrichmentJobList enrichmentJobList() {
        return new EnrichmentJobList(enrichmentJobs(), cursorSigner());
    }
}
