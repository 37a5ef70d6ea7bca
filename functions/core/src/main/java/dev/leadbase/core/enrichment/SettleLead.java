package dev.leadbase.core.enrichment;

import dev.leadbase.core.logging.JsonLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settles one lead of a job exactly once: the worker enriches it through the provider chain and
 * charges a match or refunds a miss; the DLQ settler marks it failed and refunds. A lead already
 * settled (a duplicate delivery) is left as it is.
 */
public final class SettleLead {
    public static final String NO_MATCH = "NO_MATCH";
    public static final String ENRICHMENT_FAILED = "ENRICHMENT_FAILED";

    private final EnrichmentJobRepository jobs;
    private final ProviderChain chain;
    private final LeadStore leads;
    private final Clock clock;

    public SettleLead(EnrichmentJobRepository jobs, ProviderChain chain, LeadStore leads, Clock clock) {
        this.jobs = jobs;
        this.chain = chain;
        this.leads = leads;
        this.clock = clock;
    }

    /** What handling one message came to. */
    public enum Outcome { ENRICHED, NO_MATCH, FAILED, ALREADY_SETTLED, UNKNOWN_LEAD }

    /** Enriches and settles the lead; provider outages propagate so that the queue retries it. */
    public Outcome enrich(EnrichmentMessage message) {
        Optional<LeadResult> found = jobs.result(message.tenantId(), message.jobId(), message.index());
        if (found.isEmpty()) {
            log("enrichment message for an unknown lead", message);
            return Outcome.UNKNOWN_LEAD;
        }
        LeadResult result = found.get();
        EnrichmentJob job = jobs.find(message.tenantId(), message.jobId())
                .orElseThrow(() -> new IllegalStateException("Job header missing for " + message));
        if (result.settled()) {
            finishWriteBack(result, job);
            return Outcome.ALREADY_SETTLED;
        }
        Enrichment enrichment = chain.enrich(message.tenantId(), result.input(), job.options(), job.minConfidence());
        LeadResult settled;
        if (enrichment.matched()) {
            String target = result.targetLeadId();
            if (target == null && result.input().email() != null) {
                target = leads.findIdByEmail(message.tenantId(), result.input().email()).orElse(null);
            }
            settled = result.withTarget(target).settle(LeadResult.State.ENRICHED, enrichment, null, null, clock.instant());
        } else {
            settled = result.settle(LeadResult.State.NO_MATCH, enrichment, NO_MATCH,
                    "No provider found data for this lead; its credit was refunded", clock.instant());
        }
        if (!jobs.settle(settled)) {
            return Outcome.ALREADY_SETTLED;
        }
        finishWriteBack(settled, job);
        return settled.state() == LeadResult.State.ENRICHED ? Outcome.ENRICHED : Outcome.NO_MATCH;
    }

    /** Settles a lead whose message exhausted its retries: failed, credit refunded. */
    public Outcome fail(EnrichmentMessage message, String reason) {
        Optional<LeadResult> found = jobs.result(message.tenantId(), message.jobId(), message.index());
        if (found.isEmpty()) {
            log("dead-lettered message for an unknown lead", message);
            return Outcome.UNKNOWN_LEAD;
        }
        if (found.get().settled()) {
            return Outcome.ALREADY_SETTLED;
        }
        LeadResult settled = found.get().settle(LeadResult.State.FAILED, null, ENRICHMENT_FAILED, reason, clock.instant());
        return jobs.settle(settled) ? Outcome.FAILED : Outcome.ALREADY_SETTLED;
    }

    /** Write-back runs after settling and is repeated on redelivery until recorded as done. */
    private void finishWriteBack(LeadResult result, EnrichmentJob job) {
        if (!result.writeBackPending() || result.targetLeadId() == null) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>(result.enrichedData());
        ProviderChain.NOT_A_MATCH.forEach(fields::remove);
        leads.applyEnrichment(result.tenantId(), result.targetLeadId(), fields, job.overwrite(), result.sources(),
                result.enrichment().confidence(), result.settledAt());
        jobs.writeBackDone(result);
    }

    private static void log(String what, EnrichmentMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenantId", message.tenantId());
        fields.put("jobId", message.jobId());
        fields.put("index", message.index());
        JsonLog.warn(what, fields);
    }
}
