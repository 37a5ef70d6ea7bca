package dev.leadbase.enrichment.domain;

import java.time.Instant;

/**
 * The header of a job: its options and counters. Each lead counts once in {@code settled} and once
 * in exactly one of {@code enriched} (charged), {@code noMatch} or {@code failed} (both refunded).
 * {@code ownerScope} is the user of the {@code own} key that submitted it (null for a tenant-wide key): the job
 * reaches, and is seen by, what that key reaches. {@code writeBacksPending} counts the settled leads whose enriched
 * fields are not yet on their lead: the job is not finished before they are.
 */
public record EnrichmentJob(String tenantId, String jobId, int total, int settled, int enriched, int noMatch,
                            int failed, EnrichmentOptions options, double minConfidence, boolean overwrite,
                            Instant createdAt, Instant lastSettledAt, String ownerScope, int writeBacksPending) {

    public static EnrichmentJob queued(String tenantId, String jobId, EnrichmentRequest request, Instant at,
                                       String ownerScope) {
        return new EnrichmentJob(tenantId, jobId, request.size(), 0, 0, 0, 0, request.options(),
                request.minConfidence(), request.overwrite(), at, null, ownerScope, 0);
    }

    public JobStatus status() {
        if (settled == 0) {
            return JobStatus.QUEUED;
        }
        if (settled < total || writeBacksPending > 0) {
            return JobStatus.RUNNING;
        }
        if (failed == 0) {
            return JobStatus.COMPLETED;
        }
        return failed == total ? JobStatus.FAILED : JobStatus.PARTIAL;
    }

    public long creditsUsed() {
        return enriched;
    }

    public long creditsRefunded() {
        return (long) noMatch + failed;
    }

    /** Credits still held for the leads not yet settled. */
    public long creditsReserved() {
        return (long) total - settled;
    }

    public Instant completedAt() {
        return settled >= total && writeBacksPending <= 0 ? lastSettledAt : null;
    }
}
