package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.Enrichment;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.enrichment.domain.EnrichedFields;
import dev.leadbase.enrichment.domain.EnrichmentStamp;
import dev.leadbase.enrichment.domain.LeadStore;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.logging.JsonLog;
import java.util.ArrayList;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settles one lead of a job exactly once: the worker enriches it through the provider chain and
 * charges a match or refunds a miss, reading a batch of messages' leads together first; the DLQ
 * settler marks it failed and refunds. A lead already settled (a duplicate delivery) is left as it is.
 */
public record SettleLead(EnrichmentJobRepository jobs, ProviderChain chain, LeadStore leads, Clock clock) {
    public static final String NO_MATCH = "NO_MATCH";
    public static final String ENRICHMENT_FAILED = "ENRICHMENT_FAILED";

    /** What handling one message came to. */
    public enum Outcome { ENRICHED, NO_MATCH, FAILED, ALREADY_SETTLED, UNKNOWN_LEAD }

    /**
     * Reads what a batch of messages needs in a few round trips (their results and job headers, the
     * leads their emails name, the company directory entries of their domains), for
     * {@link Batch#enrich} to settle each message on its own.
     */
    public Batch prepare(List<EnrichmentMessage> messages) {
        EnrichmentJobRepository.LeadsWithJobs read = jobs.resultsWithJobs(messages);
        List<LeadResult> pending = new ArrayList<>();
        // an email finds only a lead the submitting key reaches: its tenant's, or its user's for an own key
        Map<AccessPolicy, Set<String>> emailsByScope = new HashMap<>();
        read.results().forEach((message, result) -> {
            if (result.settled()) {
                return;
            }
            pending.add(result);
            Optional<EnrichmentJob> job = read.job(message);
            if (result.targetLeadId() == null && result.input().email() != null && job.isPresent()) {
                emailsByScope.computeIfAbsent(scope(job.get()), s -> new HashSet<>()).add(result.input().email());
            }
        });
        Map<AccessPolicy, Map<String, String>> leadIdsByEmail = new HashMap<>();
        emailsByScope.forEach((scope, emails) -> leadIdsByEmail.put(scope, leads.idsByEmail(scope, emails)));
        return new Batch(read, chain.forBatch(pending), leadIdsByEmail);
    }

    /** The leads of one batch of messages, read together; not shared between batches or threads. */
    public final class Batch {
        private final Map<EnrichmentMessage, LeadResult> results;
        private final EnrichmentJobRepository.LeadsWithJobs read;
        private final ProviderChain batchChain;
        private final Map<AccessPolicy, Map<String, String>> leadIdsByEmail;
        private final Set<EnrichmentMessage> finished = new HashSet<>();

        private Batch(EnrichmentJobRepository.LeadsWithJobs read, ProviderChain batchChain,
                      Map<AccessPolicy, Map<String, String>> leadIdsByEmail) {
            this.results = new HashMap<>(read.results());
            this.read = read;
            this.batchChain = batchChain;
            this.leadIdsByEmail = leadIdsByEmail;
        }

        /** Enriches and settles the lead; provider outages propagate so that the queue retries it. */
        public Outcome enrich(EnrichmentMessage message) {
            if (finished.contains(message)) {
                return Outcome.ALREADY_SETTLED; // a duplicate delivery within this batch
            }
            LeadResult result = results.get(message);
            if (result == null) {
                log("enrichment message for an unknown lead", message);
                return Outcome.UNKNOWN_LEAD;
            }
            EnrichmentJob job = read.job(message)
                    .orElseThrow(() -> new IllegalStateException("Job header missing for " + message));
            if (result.settled()) {
                finishWriteBack(result, job);
                finished.add(message);
                return Outcome.ALREADY_SETTLED;
            }
            Enrichment enrichment = batchChain.enrich(message.tenantId(), result.input(), job.options(), job.minConfidence());
            LeadResult settled;
            if (enrichment.matched()) {
                String target = result.targetLeadId();
                if (target == null && result.input().email() != null) {
                    target = leadIdsByEmail.getOrDefault(scope(job), Map.of()).get(result.input().email());
                }
                settled = result.withTarget(target).settle(LeadResult.State.ENRICHED, enrichment, null, null, clock.instant());
            } else {
                settled = result.settle(LeadResult.State.NO_MATCH, enrichment, NO_MATCH,
                        "No provider found data for this lead; its credit was refunded", clock.instant());
            }
            if (!jobs.settle(settled)) {
                return Outcome.ALREADY_SETTLED;
            }
            results.put(message, settled); // a duplicate later in the batch sees it settled, as a fresh read would
            finishWriteBack(settled, job);
            finished.add(message);
            return settled.state() == LeadResult.State.ENRICHED ? Outcome.ENRICHED : Outcome.NO_MATCH;
        }
    }

    /** What the job's submitting key reaches. */
    private static AccessPolicy scope(EnrichmentJob job) {
        return AccessPolicy.ofScope(job.tenantId(), job.ownerScope());
    }

    /** Settles a lead whose message exhausted its retries: failed, credit refunded. */
    public Outcome fail(EnrichmentMessage message, String reason) {
        Optional<LeadResult> found = jobs.result(message.tenantId(), message.jobId(), message.index());
        if (found.isEmpty()) {
            log("dead-lettered message for an unknown lead", message);
            return Outcome.UNKNOWN_LEAD;
        }
        if (found.get().settled()) {
            if (found.get().writeBackPending()) {
                // its write-back kept failing: give it up, so that the job finishes
                log("enrichment write-back given up after the message's retries", message);
                jobs.writeBackDone(found.get());
            }
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
        leads.applyEnrichment(result.tenantId(), result.targetLeadId(), EnrichedFields.from(result.enrichedData()),
                job.overwrite(), new EnrichmentStamp(result.sources(), result.enrichment().confidence(), result.settledAt()));
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
