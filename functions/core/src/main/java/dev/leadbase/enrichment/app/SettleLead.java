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
import dev.leadbase.shared.concurrent.AtOnce;
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
 * Settles each lead of a job exactly once: the worker enriches a batch of messages' leads through the provider chain
 * and charges each match or refunds each miss, reading the leads together first and settling them together; the DLQ
 * settler marks a lead failed and refunds it. A lead already settled (a duplicate delivery) is left as it is.
 */
public record SettleLead(EnrichmentJobRepository jobs, ProviderChain chain, LeadStore leads, Clock clock) {
    public static final String NO_MATCH = "NO_MATCH";
    public static final String ENRICHMENT_FAILED = "ENRICHMENT_FAILED";

    /** What handling one message came to. */
    public enum Outcome { ENRICHED, NO_MATCH, FAILED, ALREADY_SETTLED, UNKNOWN_LEAD }

    /**
     * Reads what a batch of messages needs in two round trips (their results and job headers; then at once the
     * leads their emails name and the company directory entries of their domains), for
     * {@link Batch#enrich} to settle them.
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
        // the leads the emails name and the providers' batch lookups need nothing of each other: read at once
        AtOnce.Pending<ProviderChain> providers = AtOnce.start(() -> chain.forBatch(pending));
        Map<AccessPolicy, Map<String, String>> leadIdsByEmail = new HashMap<>();
        emailsByScope.forEach((scope, emails) -> leadIdsByEmail.put(scope, leads.idsByEmail(scope, emails)));
        return new Batch(messages, read, providers.get(), leadIdsByEmail);
    }

    /** What became of one message: its outcome, or the failure it is reported with (and so retried). */
    public record Handled(Outcome outcome, RuntimeException failure) {
        static Handled as(Outcome outcome) {
            return new Handled(outcome, null);
        }

        static Handled failed(RuntimeException failure) {
            return new Handled(null, failure);
        }
    }

    /** The leads of one batch of messages, read together; not shared between batches or threads. */
    public final class Batch {
        private final List<EnrichmentMessage> messages;
        private final EnrichmentJobRepository.LeadsWithJobs read;
        private final ProviderChain batchChain;
        private final Map<AccessPolicy, Map<String, String>> leadIdsByEmail;

        private Batch(List<EnrichmentMessage> messages, EnrichmentJobRepository.LeadsWithJobs read,
                      ProviderChain batchChain, Map<AccessPolicy, Map<String, String>> leadIdsByEmail) {
            this.messages = List.copyOf(messages);
            this.read = read;
            this.batchChain = batchChain;
            this.leadIdsByEmail = leadIdsByEmail;
        }

        /**
         * Enriches the lead of each message, settles those of one job still pending together (one write of their
         * results, their tenant's ledger and their job's counters), then writes their leads back and records those
         * write-backs done together. A message whose provider is down or whose write-back fails is reported alone; when
         * a job's settling write fails, nothing of it was written and that job's messages are reported (and when the
         * record of the write-backs fails, their messages, whose write-backs then run again and find the fields in
         * place). A message delivered twice in the batch is handled once.
         */
        public Map<EnrichmentMessage, Handled> enrich() {
            Map<EnrichmentMessage, Handled> handled = new LinkedHashMap<>();
            Map<EnrichmentMessage, LeadResult> settling = new LinkedHashMap<>();
            Map<EnrichmentMessage, LeadResult> writtenBack = new LinkedHashMap<>();
            for (EnrichmentMessage message : messages) {
                if (handled.containsKey(message) || settling.containsKey(message)) {
                    continue;
                }
                Optional<LeadResult> result = read.result(message);
                if (result.isEmpty()) {
                    log("enrichment message for an unknown lead", message);
                    handled.put(message, Handled.as(Outcome.UNKNOWN_LEAD));
                    continue;
                }
                try {
                    if (result.get().settled()) {
                        if (writeBack(result.get(), job(message))) {
                            writtenBack.put(message, result.get());
                        }
                        handled.put(message, Handled.as(Outcome.ALREADY_SETTLED));
                    } else {
                        settling.put(message, settlement(result.get(), job(message)));
                    }
                } catch (RuntimeException e) {
                    handled.put(message, Handled.failed(e));
                }
            }
            Set<LeadResult> written = settleEachJob(settling, handled);
            settling.forEach((message, settled) -> {
                if (handled.containsKey(message)) {
                    return; // its job's settling write failed
                }
                if (!written.contains(settled)) {
                    handled.put(message, Handled.as(Outcome.ALREADY_SETTLED)); // settled meanwhile by another delivery
                    return;
                }
                try {
                    if (writeBack(settled, job(message))) {
                        writtenBack.put(message, settled);
                    }
                    handled.put(message, Handled.as(settled.state() == LeadResult.State.ENRICHED
                            ? Outcome.ENRICHED : Outcome.NO_MATCH));
                } catch (RuntimeException e) {
                    handled.put(message, Handled.failed(e));
                }
            });
            if (!writtenBack.isEmpty()) {
                try {
                    jobs.writeBackDone(List.copyOf(writtenBack.values()));
                } catch (RuntimeException e) {
                    writtenBack.keySet().forEach(message -> handled.put(message, Handled.failed(e)));
                }
            }
            return handled;
        }

        /**
         * One settling write per job, so that a job whose write fails holds up none of the others: its messages are
         * reported failed in {@code handled}. Answers the results written.
         */
        private Set<LeadResult> settleEachJob(Map<EnrichmentMessage, LeadResult> settling,
                                              Map<EnrichmentMessage, Handled> handled) {
            Map<EnrichmentJobRepository.JobKey, Map<EnrichmentMessage, LeadResult>> byJob = new LinkedHashMap<>();
            settling.forEach((message, settled) -> byJob.computeIfAbsent(
                    new EnrichmentJobRepository.JobKey(message.tenantId(), message.jobId()), k -> new LinkedHashMap<>())
                    .put(message, settled));
            Set<LeadResult> written = new HashSet<>();
            byJob.values().forEach(ofJob -> {
                try {
                    written.addAll(jobs.settle(List.copyOf(ofJob.values())));
                } catch (RuntimeException e) {
                    ofJob.keySet().forEach(message -> handled.put(message, Handled.failed(e)));
                }
            });
            return written;
        }

        /** The lead enriched through the provider chain, settled as a match or a miss; provider outages propagate. */
        private LeadResult settlement(LeadResult result, EnrichmentJob job) {
            Enrichment enrichment = batchChain.enrich(result.tenantId(), result.input(), job.options(), job.minConfidence());
            if (!enrichment.matched()) {
                return result.settle(LeadResult.State.NO_MATCH, enrichment, NO_MATCH,
                        "No provider found data for this lead; its credit was refunded", clock.instant());
            }
            String target = result.targetLeadId();
            if (target == null && result.input().email() != null) {
                target = leadIdsByEmail.getOrDefault(scope(job), Map.of()).get(result.input().email());
            }
            return result.withTarget(target).settle(LeadResult.State.ENRICHED, enrichment, null, null, clock.instant());
        }

        private EnrichmentJob job(EnrichmentMessage message) {
            return read.job(message).orElseThrow(() -> new IllegalStateException("Job header missing for " + message));
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
                jobs.writeBackDone(List.of(found.get()));
            }
            return Outcome.ALREADY_SETTLED;
        }
        LeadResult settled = found.get().settle(LeadResult.State.FAILED, null, ENRICHMENT_FAILED, reason, clock.instant());
        return jobs.settle(List.of(settled)).isEmpty() ? Outcome.ALREADY_SETTLED : Outcome.FAILED;
    }

    /**
     * Writes the found fields onto the named lead when the result still waits for it; true when it did, for the batch
     * to record it done. Write-back runs after settling and is repeated on redelivery until recorded as done.
     */
    private boolean writeBack(LeadResult result, EnrichmentJob job) {
        if (!result.writeBackPending() || result.targetLeadId() == null) {
            return false;
        }
        leads.applyEnrichment(result.tenantId(), result.targetLeadId(), EnrichedFields.from(result.enrichedData()),
                job.overwrite(), new EnrichmentStamp(result.sources(), result.enrichment().confidence(), result.settledAt()));
        return true;
    }

    private static void log(String what, EnrichmentMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenantId", message.tenantId());
        fields.put("jobId", message.jobId());
        fields.put("index", message.index());
        JsonLog.warn(what, fields);
    }
}
