package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.EnrichmentQueue;
import dev.leadbase.enrichment.domain.EnrichmentRequest;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.enrichment.domain.LeadStore;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository.RateWindow;
import dev.leadbase.shared.errors.CreditsExhausted;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.RateLimited;
import dev.leadbase.access.domain.CreditBalance;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.domain.TenantRepository;
import dev.leadbase.access.app.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Submits a job: resolves named leads, checks the hourly limit and reserves one credit per lead in
 * one transaction with the job, queues one message per lead, and settles as failed (refunded) any
 * lead whose message could not be sent, before answering.
 */
public record SubmitEnrichment(TenantRepository tenants, EnrichmentJobRepository jobs, EnrichmentQueue queue,
                               LeadStore leads, Clock clock) {
    /** The queued job: its id, its size, the credits held for the leads that were queued and what is left. */
    public record Submitted(String jobId, int total, long creditsReserved, long remainingCredits) {
    }

    public Submitted submit(AccessPolicy access, EnrichmentRequest request) {
        String tenantId = access.tenantId();
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new NotFound("Tenant not found"));
        List<LeadResult> pending = resolve(access, request);
        Instant now = clock.instant();
        RateWindow window = window(tenant, now);
        if (request.size() > window.limit()) {
            throw rateLimited(window, now);
        }
        String jobId = newJobId(now);
        List<LeadResult> results = new ArrayList<>();
        for (LeadResult p : pending) {
            results.add(new LeadResult(tenantId, jobId, p.index(), p.input(), p.targetLeadId(), LeadResult.State.PENDING,
                    null, null, null, null, false));
        }
        switch (jobs.create(EnrichmentJob.queued(tenantId, jobId, request, now, access.ownerScope()), results, window)) {
            case RATE_LIMITED -> throw rateLimited(window, now);
            case INSUFFICIENT_CREDITS -> throw new CreditsExhausted(balance(tenantId).remaining(), request.size());
            case CREATED -> { }
        }
        List<EnrichmentMessage> messages = results.stream()
                .map(r -> new EnrichmentMessage(tenantId, jobId, r.index())).toList();
        Set<Integer> unsent = queue.send(messages);
        jobs.settle(unsent.stream().sorted().map(i -> results.get(i).settle(LeadResult.State.FAILED, null,
                "QUEUE_UNAVAILABLE", "The lead could not be queued; its credit was refunded", clock.instant())).toList());
        return new Submitted(jobId, request.size(), request.size() - unsent.size(), balance(tenantId).remaining());
    }

    /**
     * Pending results, with named leads' stored fields filled in; every lead id the caller cannot reach (unknown,
     * or another user's for an own key) in one 400, the same for both.
     */
    private List<LeadResult> resolve(AccessPolicy access, EnrichmentRequest request) {
        List<LeadResult> pending = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            LeadInput input = request.leads().get(i);
            if (input.leadId() != null) {
                var stored = leads.find(access.tenantId(), input.leadId()).filter(access::reaches);
                if (stored.isEmpty()) {
                    errors.add(EnrichmentRequest.indexed(i, "Lead " + input.leadId() + " not found"));
                    continue;
                }
                input = input.filledFrom(stored.get());
                if (!input.hasIdentifier()) {
                    errors.add(EnrichmentRequest.indexed(i, "Lead " + input.leadId()
                            + " has no email, LinkedIn URL, or name + company to enrich by"));
                    continue;
                }
            }
            pending.add(LeadResult.pending(access.tenantId(), null, i, input, input.leadId()));
        }
        if (!errors.isEmpty()) {
            throw EnrichmentRequest.invalidLeads(errors);
        }
        return pending;
    }

    /** A fixed hourly window (simple and predictable; a burst at the boundary may see up to twice the limit). */
    static RateWindow window(Tenant tenant, Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.HOURS);
        long limit = tenant.enrichPerHourLimit() > 0 ? tenant.enrichPerHourLimit() : Tenants.DEFAULT_ENRICH_PER_HOUR;
        return new RateWindow(start, start.plus(Duration.ofHours(1)), limit);
    }

    private static RateLimited rateLimited(RateWindow window, Instant now) {
        return new RateLimited("Enrichment rate limit exceeded", window.limit() + " enrichments per hour",
                window.end(), Duration.between(now, window.end()).toSeconds() + 1);
    }

    private CreditBalance balance(String tenantId) {
        return tenants.find(tenantId).map(Tenant::credits).orElse(new CreditBalance(0, 0, 0, 0));
    }

    /** Ids sort by creation time, so that the newest job comes first in a descending query. */
    static String newJobId(Instant now) {
        String millis = Long.toString(now.toEpochMilli(), 36);
        return "job_" + "0".repeat(Math.max(0, 9 - millis.length())) + millis + KeyHasher.newId("").substring(0, 10);
    }
}
