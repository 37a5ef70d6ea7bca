package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.Enrichment;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.LeadResult;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.domain.TenantRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads jobs, lists them and reads the tenant's credits; builds the wire views. */
public final class EnrichmentQueries {
    public static final String STATUS_PATH = "/api/v2/enrich/";

    private final TenantRepository tenants;
    private final EnrichmentJobRepository jobs;

    public EnrichmentQueries(TenantRepository tenants, EnrichmentJobRepository jobs) {
        this.tenants = tenants;
        this.jobs = jobs;
    }

    public CreditBalance credits(String tenantId) {
        return tenants.find(tenantId).map(Tenant::credits).orElseThrow(() -> new NotFound("Tenant not found"));
    }

    public Map<String, Object> creditsView(String tenantId) {
        CreditBalance b = credits(tenantId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("remaining", b.remaining());
        view.put("reserved", b.reserved());
        view.put("used", b.used());
        return view;
    }

    /** {@code GET /api/v2/enrich/{jobId}}: the documented result shape plus status and counts. */
    public Map<String, Object> job(AccessPolicy access, String jobId) {
        String tenantId = access.tenantId();
        EnrichmentJob job = jobs.find(tenantId, jobId).filter(j -> access.reaches(j.tenantId(), j.ownerScope()))
                .orElseThrow(() -> new NotFound("Enrichment job not found"));
        List<Map<String, Object>> enriched = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (LeadResult r : jobs.results(tenantId, jobId)) {
            switch (r.state()) {
                case ENRICHED -> enriched.add(enrichedView(r));
                case NO_MATCH, FAILED -> failed.add(failedView(r));
                case PENDING -> { }
            }
        }
        Map<String, Object> view = summary(job);
        view.put("enriched", enriched);
        view.put("failed", failed);
        view.put("remainingCredits", credits(tenantId).remaining());
        return view;
    }

    static Map<String, Object> summary(EnrichmentJob job) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("jobId", job.jobId());
        v.put("status", job.status().wire());
        v.put("total", job.total());
        v.put("completed", job.settled());
        v.put("enrichedCount", job.enriched());
        v.put("noMatchCount", job.noMatch());
        v.put("failedCount", job.failed());
        v.put("creditsReserved", job.creditsReserved());
        v.put("creditsUsed", job.creditsUsed());
        v.put("creditsRefunded", job.creditsRefunded());
        v.put("enrichmentOptions", job.options().toMap());
        v.put("minConfidence", job.minConfidence());
        v.put("overwrite", job.overwrite());
        v.put("createdAt", job.createdAt().toString());
        v.put("completedAt", job.completedAt() == null ? null : job.completedAt().toString());
        v.put("statusUrl", STATUS_PATH + job.jobId());
        return v;
    }

    static Map<String, Object> enrichedView(LeadResult r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", r.index());
        v.put("input", r.input().toMap());
        v.put("enrichedData", r.enrichedData());
        v.put("confidence", r.enrichment().confidence());
        v.put("sources", r.sources());
        Map<String, Object> fieldSources = new LinkedHashMap<>();
        r.enrichment().fieldSources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                fieldSources.put(e.getKey(), Map.of("source", e.getValue().source(), "confidence", e.getValue().confidence())));
        v.put("fieldSources", fieldSources);
        v.put("leadId", r.targetLeadId());
        return v;
    }

    static Map<String, Object> failedView(LeadResult r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", r.index());
        v.put("input", r.input().toMap());
        v.put("code", r.code());
        v.put("message", r.message());
        return v;
    }
}
