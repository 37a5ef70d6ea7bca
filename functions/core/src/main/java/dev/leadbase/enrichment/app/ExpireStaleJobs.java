package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.LeadResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Scheduled sweep over open jobs. A lead still pending {@link #STALE_AFTER} after its job was created will never be
 * processed: its message has outlived the queue's retention (one hour), or was never sent because the submit stopped
 * between its transaction and its sends. Such a lead is settled once as failed, and its credit goes back. A job whose
 * leads are all settled is then closed (taken out of the open jobs), so each sweep only visits what may need it.
 */
public record ExpireStaleJobs(EnrichmentJobRepository jobs, Clock clock) {
    public static final Duration STALE_AFTER = Duration.ofHours(2);
    static final String CODE = "EXPIRED";
    static final String MESSAGE = "The lead was not processed in time; its credit was refunded";

    /** What one sweep did. */
    public record Swept(int jobsClosed, int leadsExpired) {
    }

    public Swept run() {
        Instant now = clock.instant();
        int closed = 0;
        int expired = 0;
        for (EnrichmentJobRepository.JobKey job : jobs.openJobs(now.minus(STALE_AFTER))) {
            // most jobs finished long ago: closing them reads none of their results
            if (jobs.close(job.tenantId(), job.jobId())) {
                closed++;
                continue;
            }
            // settle is conditional on each lead still pending: a late worker and this sweep settle it once
            expired += jobs.settle(jobs.results(job.tenantId(), job.jobId()).stream()
                    .filter(lead -> lead.state() == LeadResult.State.PENDING)
                    .map(lead -> lead.settle(LeadResult.State.FAILED, null, CODE, MESSAGE, now)).toList()).size();
            if (jobs.close(job.tenantId(), job.jobId())) {
                closed++;
            }
        }
        return new Swept(closed, expired);
    }
}
