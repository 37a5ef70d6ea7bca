package dev.leadbase.composition;

import dev.leadbase.access.app.ApiKeyList;
import dev.leadbase.access.app.ApiKeys;
import dev.leadbase.access.app.Authenticator;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.shared.config.AwsClients;
import dev.leadbase.shared.config.SecretConfig;
import dev.leadbase.shared.config.Env;
import dev.leadbase.companies.app.Companies;
import dev.leadbase.companies.domain.CompanyRepository;
import dev.leadbase.access.store.DynamoApiKeyRepository;
import dev.leadbase.companies.store.DynamoCompanyRepository;
import dev.leadbase.shared.idempotency.DynamoIdempotencyStore;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.leads.store.LeadSearchIndex;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.leads.app.Leads;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.enrichment.store.DynamoEnrichmentJobRepository;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.app.RepositoryCompanyDirectory;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.enrichment.app.EnrichmentQueries;
import dev.leadbase.enrichment.app.ExpireStaleJobs;
import dev.leadbase.enrichment.domain.LeadStore;
import dev.leadbase.leads.app.EnrichmentWriteBack;
import dev.leadbase.enrichment.app.SettleLead;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.enrichment.providers.Providers;
import dev.leadbase.enrichment.store.SqsEnrichmentQueue;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.access.app.Tenants;
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
        return Env.optional("LEADS_TABLE").<LeadStore>map(t -> new EnrichmentWriteBack(leadRepository()))
                .orElse(LeadStore.none());
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
