package dev.leadbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.local.RunningRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Enrichment and scoring throughput through the local runtime's HTTP server and SQS pollers, each next to a bare
 * loop doing only the irreducible work per message (SQS send, receive, delete, the batch's read and its writes) against
 * the same ElasticMQ and DynamoDB Local with the same single consumer. The pipeline runs first, so any warm-up the
 * order gives goes to the bare loop.
 */
final class Throughput implements Section {
    static final String ENRICHMENT = "enrichment leads/s vs bare loop";
    static final String JOBS = "enrichment jobs completed";
    static final String SCORING = "scoring events/s vs bare loop";
    private static final double GOAL = 0.7;
    private static final long POLL_MS = 100;
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(20);
    private static final int EVENTS_PER_POST = 100;
    private static final String BARE_SHAPE = "scratch queue and keys, 1 sender thread sending by 10 and 1 consumer"
            + " (the local runtime runs one poller thread per SQS event source) receiving 10 (the BatchSize),"
            + " deleting each batch after its writes";

    @Override
    public List<String> rowNames() {
        return List.of(ENRICHMENT, JOBS, SCORING);
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) throws Exception {
        enrichment(context, rows);
        scoring(context, rows);
    }

    private void enrichment(Context context, List<Bench.Row> rows) throws Exception {
        Bench.Config config = context.config();
        RunningRuntime runtime = context.runtime();
        int jobs = config.pick(100, 10, 1);
        int perJob = config.pick(50, 50, 10);
        int leads = jobs * perJob;
        Bench.log("throughput: enrichment, " + jobs + " jobs of " + perJob);
        awaitIdle(runtime, "EnrichmentQueue");
        int warmupJobs = config.pick(1, 1, 0);
        Bench.Tenant tenant = Bench.newTenant(context.admin(), leads + warmupJobs * perJob, leads + warmupJobs * perJob);
        for (int j = 0; j < warmupJobs; j++) { // the submit path and the worker's first use in this JVM, untimed
            String jobId = tenant.api().require("POST", "/api/v2/enrich", job(jobs + j, perJob), 202)
                    .path("data").path("jobId").asText();
            awaitSettled(tenant, jobId, System.nanoTime());
        }

        long start = System.nanoTime();
        List<String> jobIds = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            jobIds.add(tenant.api().require("POST", "/api/v2/enrich", job(j, perJob), 202).path("data").path("jobId").asText());
        }
        Map<String, Integer> statuses = new TreeMap<>();
        for (String jobId : jobIds) {
            statuses.merge(awaitSettled(tenant, jobId, start), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double pipeline = leads / seconds;

        Bench.log("throughput: enrichment bare loop");
        BareEnrichmentSettle settle = new BareEnrichmentSettle(runtime, jobs, perJob);
        double bare = new BareQueueLoop(runtime.sqs()).runBatches(leads, settle::message, settle::settle);
        double ratio = pipeline / bare;
        rows.add(new Bench.Row(ENRICHMENT, pipeline, "leads/s", bare, ratio, ">= " + GOAL, ratio >= GOAL, String.format(
                Locale.ROOT, "%d jobs of %d leads after %d untimed warm-up job(s), offline providers, first submit to last"
                        + " job settled (polled every %d ms): %.1f s. Bare loop (%.1f s): %s; per received batch one consistent BatchGetItem (the results and job"
                        + " headers) and one TransactWriteItems (each lead's result settled"
                        + " once, one tenant reserved->used, one job counters update per job)", jobs, perJob, warmupJobs, POLL_MS, seconds, leads / bare,
                BARE_SHAPE)));
        int completed = statuses.getOrDefault("completed", 0);
        rows.add(new Bench.Row(JOBS, completed, "jobs", (double) jobs, (double) completed / jobs, ">= 1",
                completed == jobs, "final statuses " + statuses));
    }

    private void scoring(Context context, List<Bench.Row> rows) throws Exception {
        Bench.Config config = context.config();
        RunningRuntime runtime = context.runtime();
        int leadCount = config.pick(100, 100, 10);
        int warmup = config.pick(100, 100, 0);
        int events = config.pick(1000, 300, 30);
        Bench.log("throughput: scoring, " + events + " events over " + leadCount + " leads");
        Bench.Tenant tenant = Bench.newTenant(context.admin(), 0);
        tenant.api().require("POST", "/api/v2/scoring/rulesets", Map.of("name", "Bench engagement", "type", "engagement",
                "rules", List.of(Map.of("eventType", "page_view", "points", 1))), 201);
        awaitIdle(runtime, "RescoreQueue"); // the new rule set's re-scoring must not race the events
        List<String> leadIds = createLeads(tenant, leadCount);
        awaitIdle(runtime, "EventsQueue");
        postEvents(tenant, leadIds, warmup); // the events worker's first use in this JVM: load and JIT it untimed
        awaitScores(tenant, warmup, System.nanoTime());

        long start = System.nanoTime();
        postEvents(tenant, leadIds, events);
        awaitScores(tenant, warmup + events, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        double pipeline = events / seconds;

        Bench.log("throughput: scoring bare loop");
        BareEventWrite write = new BareEventWrite(runtime, leadCount);
        double bare = new BareQueueLoop(runtime.sqs()).runBatches(events, write::message, write::applyBatch);
        double ratio = pipeline / bare;
        rows.add(new Bench.Row(SCORING, pipeline, "events/s", bare, ratio, ">= " + GOAL, ratio >= GOAL, String.format(
                Locale.ROOT, "%d events over %d leads, one engagement rule set, POST /events by %d, after %d warm-up events;"
                        + " first post until every lead's score counts every event (GET /leads polled every %d ms):"
                        + " %.1f s. Bare loop (%.1f s): %s; per received batch one consistent BatchGetItem (leads, standings,"
                        + " event items), then per event three single-item writes in the worker's order (standing put"
                        + " by version holding the event pending, lead score fields and index keys by score version, event"
                        + " put once)", events, leadCount,
                EVENTS_PER_POST, warmup, POLL_MS, seconds, events / bare, BARE_SHAPE)));
    }

    private static Map<String, Object> job(int job, int size) {
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int n = job * size + i;
            String first = Bench.FIRST[n % Bench.FIRST.length];
            String company = Bench.COMPANY[n % Bench.COMPANY.length];
            leads.add(Map.of("email", first.toLowerCase(Locale.ROOT) + ".bench" + n + "@" + company.toLowerCase(Locale.ROOT) + ".com",
                    "firstName", first, "lastName", "Bench" + n, "company", company));
        }
        return Map.of("leads", leads, "enrichmentOptions", Map.of("includePersonalInfo", true, "includeCompanyInfo", true,
                "includeSocialProfiles", true, "includeContactInfo", true));
    }

    /** Polls the job until every lead has settled; answers its final status. */
    private static String awaitSettled(Bench.Tenant tenant, String jobId, long start) {
        while (true) {
            String status = tenant.api().require("GET", "/api/v2/enrich/" + jobId, null, 200).path("data").path("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return status;
            }
            pause(start, "job " + jobId + " still " + status);
        }
    }

    private static List<String> createLeads(Bench.Tenant tenant, int count) {
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(Map.of("email", "scored" + i + "@throughput.example.com", "firstName", Bench.FIRST[i % Bench.FIRST.length]));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode result : tenant.api().require("POST", "/api/v2/leads/batch", Map.of("leads", leads), 200)
                .path("data").path("results")) {
            ids.add(result.path("id").asText());
        }
        return ids;
    }

    /** Posts {@code count} page views, spread round-robin over the leads. */
    private static void postEvents(Bench.Tenant tenant, List<String> leadIds, int count) {
        for (int from = 0; from < count; from += EVENTS_PER_POST) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + EVENTS_PER_POST); i++) {
                batch.add(Map.of("leadId", leadIds.get(i % leadIds.size()), "type", "page_view"));
            }
            tenant.api().require("POST", "/api/v2/events", Map.of("events", batch), 202);
        }
    }

    /** Polls the tenant's leads (one page holds them all) until their scores add up to {@code total} points. */
    private static void awaitScores(Bench.Tenant tenant, int total, long start) {
        while (true) {
            long sum = 0;
            for (JsonNode lead : tenant.api().require("GET", "/api/v2/leads?limit=100", null, 200).path("data").path("leads")) {
                sum += lead.path("score").asLong(0);
            }
            if (sum >= total) {
                return;
            }
            pause(start, "scores add up to " + sum + " of " + total);
        }
    }

    private static void pause(long start, String state) {
        if (System.nanoTime() - start > LIMIT.toNanos()) {
            throw new IllegalStateException("throughput: gave up after " + LIMIT + ": " + state);
        }
        Bench.sleep(POLL_MS);
    }

    /** Waits (a bounded time) until the queue holds no message, visible or in flight, so earlier work is not counted. */
    private static void awaitIdle(RunningRuntime runtime, String queue) {
        String url = runtime.queueUrl(queue);
        long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> counts = runtime.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (counts.values().stream().allMatch("0"::equals)) {
                return;
            }
            Bench.sleep(POLL_MS);
        }
        Bench.log("throughput: " + queue + " still busy after " + IDLE_WAIT + "; going on");
    }
}
