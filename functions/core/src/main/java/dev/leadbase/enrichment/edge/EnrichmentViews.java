package dev.leadbase.enrichment.edge;

import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.access.edge.KeyViews;
import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.enrichment.app.EnrichmentQueries.JobReport;
import dev.leadbase.enrichment.app.SubmitEnrichment.Submitted;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.JobStatus;
import dev.leadbase.enrichment.domain.LeadResult;
import java.util.ArrayList;
import dev.leadbase.shared.http.Pagination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire shapes of the enrichment routes: a submitted job, a job with its results, a page of jobs, the credits. */
public final class EnrichmentViews {
    private static final String STATUS_PATH = "/api/v2/enrich/";

    private EnrichmentViews() {
    }

    /** Where a job's status is read (the 202's {@code Location}). */
    public static String statusUrl(String jobId) {
        return STATUS_PATH + jobId;
    }

    /** The 202 of {@code POST /api/v2/enrich}. */
    public static Map<String, Object> submitted(Submitted submitted) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobId", submitted.jobId());
        view.put("status", JobStatus.QUEUED.wire());
        view.put("total", submitted.total());
        view.put("creditsReserved", submitted.creditsReserved());
        view.put("remainingCredits", submitted.remainingCredits());
        view.put("statusUrl", statusUrl(submitted.jobId()));
        return view;
    }

    /** {@code GET /api/v2/enrich/{jobId}}: the job's summary, its settled leads and the credits left. */
    public static Map<String, Object> job(JobReport report) {
        List<Map<String, Object>> enriched = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (LeadResult r : report.results()) {
            switch (r.state()) {
                case ENRICHED -> enriched.add(enriched(r));
                case NO_MATCH, FAILED -> failed.add(failed(r));
                case PENDING -> { }
            }
        }
        Map<String, Object> view = summary(report.job());
        view.put("enriched", enriched);
        view.put("failed", failed);
        view.put("remainingCredits", report.remainingCredits());
        return view;
    }

    /** {@code GET /api/v2/enrich}: a page of job summaries and its paging facts. */
    public static Map<String, Object> jobs(EnrichmentJobList.Page page) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobs", page.jobs().stream().map(EnrichmentViews::summary).toList());
        view.put("pagination", Pagination.cursor(page.limit(), page.nextCursor()));
        return view;
    }

    /** {@code GET /api/v2/credits}. */
    public static Map<String, Object> credits(CreditBalance balance) {
        return KeyViews.balance(balance);
    }

    /** The data of {@code enrichment.completed}: the job's summary, as {@code GET /api/v2/enrich/{jobId}} shows it. */
    public static Map<String, Object> completed(EnrichmentJob job) {
        return summary(job);
    }

    private static Map<String, Object> summary(EnrichmentJob job) {
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
        v.put("enrichmentOptions", options(job.options()));
        v.put("minConfidence", job.minConfidence());
        v.put("overwrite", job.overwrite());
        v.put("createdAt", job.createdAt().toString());
        v.put("completedAt", job.completedAt() == null ? null : job.completedAt().toString());
        v.put("statusUrl", statusUrl(job.jobId()));
        return v;
    }

    private static Map<String, Object> options(EnrichmentOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("includePersonalInfo", options.includePersonalInfo());
        m.put("includeCompanyInfo", options.includeCompanyInfo());
        m.put("includeSocialProfiles", options.includeSocialProfiles());
        m.put("includeContactInfo", options.includeContactInfo());
        return m;
    }

    private static Map<String, Object> enriched(LeadResult r) {
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

    private static Map<String, Object> failed(LeadResult r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", r.index());
        v.put("input", r.input().toMap());
        v.put("code", r.code());
        v.put("message", r.message());
        return v;
    }
}
