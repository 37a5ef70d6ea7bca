package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.LeadResult;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.domain.TenantRepository;
import java.util.List;

/** Reads a job with its results, and the tenant's credits. */
public record EnrichmentQueries(TenantRepository tenants, EnrichmentJobRepository jobs) {
    /** A job, its results in input order and what the tenant has left to spend. */
    public record JobReport(EnrichmentJob job, List<LeadResult> results, long remainingCredits) {
        public JobReport {
            results = List.copyOf(results);
        }
    }

    public CreditBalance credits(String tenantId) {
        return tenants.find(tenantId).map(Tenant::credits).orElseThrow(() -> new NotFound("Tenant not found"));
    }

    /** A job the caller can reach; an unknown job and another user's (for an own key) are the same 404. */
    public JobReport job(AccessPolicy access, String jobId) {
        String tenantId = access.tenantId();
        EnrichmentJob job = jobs.find(tenantId, jobId).filter(j -> access.reaches(j.tenantId(), j.ownerScope()))
                .orElseThrow(() -> new NotFound("Enrichment job not found"));
        return new JobReport(job, jobs.results(tenantId, jobId), credits(tenantId).remaining());
    }
}
