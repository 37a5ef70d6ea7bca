package dev.leadbase.enrichment.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores jobs (a header plus one result per input lead) and moves the credit ledger with them. */
public interface EnrichmentJobRepository {

    /** What creating a job came to. */
    enum CreateOutcome { CREATED, RATE_LIMITED, INSUFFICIENT_CREDITS }

    /** The tenant's fixed hourly window and how many leads it admits. */
    record RateWindow(Instant start, Instant end, long limit) {
    }

    /**
     * In one transaction: counts the leads against the rate window, reserves one credit per lead
     * (never below zero), and writes the job header with its pending results. All or nothing.
     */
    CreateOutcome create(EnrichmentJob job, List<LeadResult> pending, RateWindow window);

    Optional<EnrichmentJob> find(String tenantId, String jobId);

    Optional<LeadResult> result(String tenantId, String jobId, int index);

    List<LeadResult> results(String tenantId, String jobId);

    /** The results these messages name and their jobs' headers, read consistently in one round trip where it can. */
    LeadsWithJobs resultsWithJobs(Collection<EnrichmentMessage> leads);

    /** Results by the message that names them, headers by tenant and job id; items not found are absent. */
    record LeadsWithJobs(Map<EnrichmentMessage, LeadResult> results, Map<JobKey, EnrichmentJob> jobs) {
        public LeadsWithJobs {
            results = Map.copyOf(results);
            jobs = Map.copyOf(jobs);
        }

        public Optional<LeadResult> result(EnrichmentMessage lead) {
            return Optional.ofNullable(results.get(lead));
        }

        public Optional<EnrichmentJob> job(EnrichmentMessage lead) {
            return Optional.ofNullable(jobs.get(new JobKey(lead.tenantId(), lead.jobId())));
        }
    }

    /** A job of a tenant. */
    record JobKey(String tenantId, String jobId) {
    }

    /**
     * Settles these leads together: in one transaction (of up to 25 results), writes each settled result that is still
     * pending, moves their credits from reserved to used (charged) or back to remaining with one write per tenant, and
     * advances their jobs' counters with one write per job. A result settled before (a duplicate delivery, the sweep)
     * is left out and the others are written without it, so each lead moves the ledger and the counters once.
     *
     * @return the results this call wrote; those left out were already settled
     */
    List<LeadResult> settle(List<LeadResult> settled);

    /**
     * Records that the enriched fields reached the named leads: each result's flag and its job's count of write-backs
     * still to do change together, once per lead, in one transaction (of up to 25 results).
     */
    void writeBackDone(List<LeadResult> results);

    /**
     * The tenant's jobs, newest first, after the job {@code afterJobId} (null: from the newest); only those
     * submitted under {@code ownerScope} when it is not null.
     */
    JobPage list(String tenantId, String ownerScope, String afterJobId, int limit);

    /**
     * Jobs of every tenant that are still open (not yet closed by {@link #close}) and were created before
     * {@code createdBefore}, oldest first, read a page at a time as iterated.
     */
    Iterable<JobKey> openJobs(Instant createdBefore);

    /** Takes a job whose leads are all settled out of the open jobs; false (nothing written) while one is pending. */
    boolean close(String tenantId, String jobId);

    /** A page of jobs and the id of the last one when more may follow (null at the end). */
    record JobPage(List<EnrichmentJob> jobs, String lastJobId) {
    }
}
