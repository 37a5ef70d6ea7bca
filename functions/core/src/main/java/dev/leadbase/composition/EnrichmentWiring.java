package dev.leadbase.composition;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.enrichment.app.PublishJobCompletions;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.store.StreamedJobImages;
import java.util.Map;
import java.util.function.Function;
import dev.leadbase.enrichment.app.EnrichmentQueries;
import dev.leadbase.enrichment.app.ExpireStaleJobs;
import dev.leadbase.enrichment.app.RepositoryCompanyDirectory;
import dev.leadbase.enrichment.app.SettleLead;
import dev.leadbase.enrichment.app.SubmitEnrichment;
import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.LeadStore;
import dev.leadbase.leads.app.EnrichmentWriteBack;
import dev.leadbase.enrichment.providers.Providers;
import dev.leadbase.enrichment.store.DynamoEnrichmentJobRepository;
import dev.leadbase.enrichment.store.SqsEnrichmentQueue;
import dev.leadbase.shared.config.Config;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.shared.sqs.QueueSender;

/** Builds the enrichment slice's use cases over a function's components (tables and queue by !Ref). */
public final class EnrichmentWiring {
    private final Components components;
    private final Config config;

    public EnrichmentWiring(Components components) {
        this.components = components;
        this.config = components.config();
    }

    public EnrichmentJobRepository enrichmentJobs() {
        return new DynamoEnrichmentJobRepository(components.dynamo(), Tables.ENRICHMENT_JOBS.in(config),
                Tables.TENANTS.in(config));
    }

    /** The leads enrichment reads and writes back to; none when the function is given no leads table. */
    public LeadStore enrichmentLeadStore() {
        return config.optional("LEADS_TABLE").<LeadStore>map(t -> new EnrichmentWriteBack(
                new LeadsWiring(components).leadRepository())).orElse(LeadStore.none());
    }

    /** The tenant's companies; empty when the function is given no companies table. */
    public CompanyDirectory companyDirectory() {
        return config.optional("COMPANIES_TABLE").<CompanyDirectory>map(t -> new RepositoryCompanyDirectory(
                new CompaniesWiring(components).companyRepository())).orElse(CompanyDirectory.empty());
    }

    public SubmitEnrichment submitEnrichment() {
        return new SubmitEnrichment(new AccessWiring(components).tenantRepository(), enrichmentJobs(),
                new SqsEnrichmentQueue(new QueueSender(components.sqs(), config.required("ENRICHMENT_QUEUE_URL"))),
                enrichmentLeadStore(), components.clock());
    }

    public SettleLead settleLead() {
        return new SettleLead(enrichmentJobs(), Providers.fromConfig(companyDirectory(), components.secrets()),
                enrichmentLeadStore(), components.clock());
    }

    public ExpireStaleJobs expireStaleJobs() {
        return new ExpireStaleJobs(enrichmentJobs(), components.clock());
    }

    public EnrichmentQueries enrichmentQueries() {
        return new EnrichmentQueries(new AccessWiring(components).tenantRepository(), enrichmentJobs());
    }

    public EnrichmentJobList enrichmentJobList() {
        return new EnrichmentJobList(enrichmentJobs(), components.cursorSigner());
    }

    /** The EnrichmentJobs stream's consumer; each job shown by {@code view}. Needs CHANGES_QUEUE_URL. */
    public PublishJobCompletions<Map<String, AttributeValue>> publishJobCompletions(
            Function<EnrichmentJob, Map<String, Object>> view) {
        return new PublishJobCompletions<>(new StreamedJobImages(), view, new ChangesWiring(components).changeSink());
    }
}
