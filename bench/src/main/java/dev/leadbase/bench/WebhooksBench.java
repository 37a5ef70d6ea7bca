package dev.leadbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.shared.config.Config;
import dev.leadbase.webhooks.edge.DeliveryMessages;
import dev.leadbase.webhooks.store.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Outbound events (issue 12): webhook delivery throughput against a bare loop, latency from a lead write to the
 * receiver, and what change events add to the bill, metered ({@link OutboundCost}). A receiver on the JDK's
 * HttpServer at 127.0.0.1 ({@link WebhookReceiver}) checks every signature.
 */
final class WebhooksBench implements Section {
    static final String THROUGHPUT = "webhook deliveries/s vs bare loop";
    static final String PIPELINE_RATE = "webhook deliveries/s pipeline";
    static final String BARE_RATE = "webhook deliveries/s bare loop";
    static final String P50 = "webhook latency p50 write to receipt";
    static final String P99 = "webhook latency p99 write to receipt";
    static final double THROUGHPUT_GOAL = 0.7;
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final int BATCH = 10;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public List<String> rowNames() {
        List<String> names = new ArrayList<>(List.of(THROUGHPUT, PIPELINE_RATE, BARE_RATE, P50, P99));
        names.addAll(OutboundCost.ROWS);
        return names;
    }

    @Override
    public void run(Context ctx, List<Bench.Row> rows) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribed tenant = subscribedTenant(ctx.admin(), receiver, "/pipeline");
            throughput(ctx, tenant, receiver, rows);
            Bench.quiet(ctx.runtime(), ctx.config());
            latency(ctx, tenant, receiver, rows);
            new OutboundCost(ctx, receiver).run(rows, baseMonth(ctx, rows));
        }
    }

    /** A fresh tenant whose key may manage webhooks, with one subscription to every event type at {@code path}. */
    record Subscribed(Bench.Tenant tenant, String subscriptionId, String secret) {
    }

    static Subscribed subscribedTenant(ApiClient admin, WebhookReceiver receiver, String path) {
        JsonNode t = admin.require("POST", "/api/v2/admin/tenants", Map.of("name", "bench webhooks", "credits", 1000), 201);
        String tenantId = t.path("data").path("tenantId").asText();
        JsonNode k = admin.require("POST", "/api/v2/admin/tenants/" + tenantId + "/api-keys",
                Map.of("userId", "bench", "visibility", "tenant", "permissions", List.of("leads:read", "leads:write",
                        "scoring:read", "scoring:write", "events:write", "webhooks:write")), 201);
        ApiClient api = admin.withKey(k.path("data").path("apiKey").asText());
        List<String> every = Arrays.stream(ChangeType.values()).map(ChangeType::wire).toList();
        JsonNode s = api.require("POST", "/api/v2/webhooks", Map.of("url", receiver.url(path), "events", every,
                "description", "bench receiver"), 201).path("data");
        receiver.accept(s.path("secret").asText());
        return new Subscribed(new Bench.Tenant(tenantId, api.apiKey(), api), s.path("id").asText(), s.path("secret").asText());
    }

    // ---------------------------------------------------------------- throughput

    private void throughput(Context ctx, Subscribed sub, WebhookReceiver receiver, List<Bench.Row> rows) throws Exception {
        RunningRuntime runtime = ctx.runtime();
        int n = ctx.config().pick(1000, 300, 20);
        int warmup = ctx.config().pick(50, 30, 5);
        int rounds = ctx.config().pick(5, 3, 1);
        Bench.log("webhooks: throughput, " + n + " deliveries in " + rounds + " rounds");
        // the real fan-out, built as the feed's writer builds it (ChangesWorker's environment, the runtime's clients)
        Components components = Components.of(Config.fromProcess().with(runtime.function("ChangesWorker").environment()),
                runtime.dynamo(), runtime.sqs(), Clock.systemUTC());
        ChangeFanout fanout = new WebhooksWiring(components).changeFanout();
        String tenantId = sub.tenant().tenantId();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            fanOut(fanout, events(tenantId, "warm", warmup)); // the worker's first use in this JVM, untimed
            receiver.awaitCount("/pipeline", warmup, LIMIT);
            bareLoop(runtime.sqs(), receiver, sub.secret(), events(tenantId, "bare-warm", warmup), "/bare-warm", null);
            // pipeline and bare loop alternate in rounds, so that load from outside the bench falls on both
            int per = n / rounds;
            double pipelineSeconds = 0;
            double bareSeconds = 0;
            double loggedSeconds = 0;
            double fifoSeconds = 0;
            StringBuilder perRound = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                Bench.quiet(runtime, ctx.config()); // the worker's log writes and deletes of the last batch
                List<ChangeEvent> events = events(tenantId, "run" + round, per);
                int before = receiver.count("/pipeline");
                long start = System.nanoTime();
                Future<?> sent = sender.submit(() -> fanOut(fanout, events));
                long last = receiver.awaitCount("/pipeline", before + per, LIMIT);
                sent.get();
                double p = (last - start) / 1e9;
                pipelineSeconds += p;
                Bench.quiet(runtime, ctx.config());
                double b = bareLoop(runtime.sqs(), receiver, sub.secret(), events(tenantId, "bare" + round, per), "/bare", null);
                bareSeconds += b;
                perRound.append(perRound.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f/%.2f s", p, b));
                // diagnostics, not the goal's baseline: the same loop writing the one log item a delivery must
                // write (a batch's in one BatchWriteItem after its POSTs, as the worker writes them), and that on a
                // FIFO queue
                loggedSeconds += bareLoop(runtime.sqs(), receiver, sub.secret(), events(tenantId, "logged" + round, per),
                        "/bare-logged", logWriter(runtime));
                fifoSeconds += bareLoop(runtime.sqs(), receiver, sub.secret(), events(tenantId, "fifo" + round, per),
                        "/bare-fifo-logged", logWriter(runtime), true);
            }
            n = per * rounds;
            double pipeline = n / pipelineSeconds;
            double bare = n / bareSeconds;
            double ratio = pipeline / bare;
            String note = String.format(Locale.ROOT, "%d rounds, each the pipeline then the bare loop; %d lead.created"
                            + " deliveries of %d leads (one per lead), one"
                            + " subscription to a receiver on the JDK HttpServer at 127.0.0.1 checking signatures, after %d"
                            + " untimed warm-up deliveries each way. Pipeline (%.2f s in all): the real fan-out (WebhooksWiring.changeFanout,"
                            + " as the feed's writer runs it) queues the placed events on DeliveryQueue (FIFO, group"
                            + " subscription#lead) by %d from one thread; the runtime's DeliveryWorker poller (template.yaml:"
                            + " BatchSize 10, one poller) delivers them (subscription and secrets cached, signed POST, one"
                            + " log item each, the batch's in one BatchWriteItem, delete); first send to the last receipt."
                            + " Bare loop (%.2f s in all): a standard"
                            + " scratch queue, 1 sender thread sending by 10, 1 consumer receiving 10, one POST per message"
                            + " signed with HMAC-SHA256 over t.body as the product signs (each message of a batch on its own"
                            + " virtual thread, as the worker works a batch's groups at once), delete of the batch; first"
                            + " send to last receipt."
                            + " Diagnostic (not the baseline): the bare loop also writing one log item per delivery on"
                            + " DynamoDB Local, the batch's in one BatchWriteItem after its POSTs, as the worker must,"
                            + " %.1f/s (%.2f s), pipeline ratio to it %.2f; and that on"
                            + " a FIFO queue with a group per lead, as DeliveryQueue, %.1f/s (%.2f s), ratio %.2f."
                            + " Rounds, pipeline/bare: %s. Signatures the receiver could not verify: %d",
                    rounds, n, n, warmup, pipelineSeconds, BATCH, bareSeconds, n / loggedSeconds, loggedSeconds,
                    pipeline / (n / loggedSeconds), n / fifoSeconds, fifoSeconds, pipeline / (n / fifoSeconds),
                    perRound, receiver.badSignatures());
            rows.add(new Bench.Row(THROUGHPUT, pipeline, "deliveries/s", bare, ratio, ">= " + THROUGHPUT_GOAL,
                    ratio >= THROUGHPUT_GOAL, note));
            rows.add(new Bench.Row(PIPELINE_RATE, pipeline, "deliveries/s", null, null, "info", null,
                    String.format(Locale.ROOT, "%d deliveries in %.2f s (the row above's pipeline)", n, pipelineSeconds)));
            rows.add(new Bench.Row(BARE_RATE, bare, "deliveries/s", null, null, "info", null,
                    String.format(Locale.ROOT, "%d deliveries in %.2f s (the row above's bare loop)", n, bareSeconds)));
        } finally {
            sender.shutdownNow();
        }
    }

    /** Placed lead.created events of {@code n} leads of the tenant, as the feed's writer hands them on. */
    private static List<ChangeEvent> events(String tenantId, String prefix, int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ChangeEvent> events = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            String leadId = "lead_wh" + prefix + run + "x" + i;
            Map<String, Object> lead = new LinkedHashMap<>();
            lead.put("id", leadId);
            lead.put("email", "webhook" + i + "@bench.example.com");
            lead.put("firstName", Bench.FIRST[i % Bench.FIRST.length]);
            lead.put("company", Bench.COMPANY[i % Bench.COMPANY.length]);
            lead.put("status", "new");
            lead.put("score", 0);
            events.add(new ChangeEvent(tenantId, "evt_bench" + prefix + run + "x" + i, ChangeType.LEAD_CREATED, now,
                    leadId, leadId, null, now.toEpochMilli() + i, Map.of("lead", lead)));
        }
        return events;
    }

    private static void fanOut(ChangeFanout fanout, List<ChangeEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            fanout.fanOut(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
    }

    /**
     * The bare loop: the payloads on a plain scratch queue, sent by 10 from one thread while one consumer receives 10,
     * POSTs each signed to the receiver (the batch at once) and deletes the batch; seconds from first send to the last
     * receipt.
     */
    private static double bareLoop(SqsClient sqs, WebhookReceiver receiver, String secret, List<ChangeEvent> events,
                                   String path, Consumer<List<Message>> log) throws Exception {
        return bareLoop(sqs, receiver, secret, events, path, log, false);
    }

    /** The same; {@code fifo}: on a FIFO queue, a group per lead, as DeliveryQueue (a diagnostic). */
    private static double bareLoop(SqsClient sqs, WebhookReceiver receiver, String secret, List<ChangeEvent> events,
                                   String path, Consumer<List<Message>> log, boolean fifo) throws Exception {
        Map<QueueAttributeName, String> attributes = new HashMap<>(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "180"));
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String url = sqs.createQueue(r -> r.queueName("bench-webhooks-bare-" + UUID.randomUUID().toString().substring(0, 8)
                + (fifo ? ".fifo" : "")).attributes(attributes)).queueUrl();
        int before = receiver.count(path);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        URI target = URI.create(receiver.url(path));
        try {
            long start = System.nanoTime();
            Future<?> sent = sender.submit(() -> {
                for (int from = 0; from < events.size(); from += BATCH) {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = from; i < Math.min(events.size(), from + BATCH); i++) {
                        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                                .id(Integer.toString(i - from)).messageBody(DeliveryMessages.payload(events.get(i)));
                        if (fifo) {
                            entry.messageGroupId(events.get(i).subjectId()).messageDeduplicationId(events.get(i).id());
                        }
                        entries.add(entry.build());
                    }
                    if (!sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).failed().isEmpty()) {
                        throw new IllegalStateException("scratch queue refused messages");
                    }
                }
            });
            long deadline = start + LIMIT.toNanos();
            int done = 0;
            while (done < events.size()) {
                if (System.nanoTime() > deadline || (sent.isDone() && sent.state() == Future.State.FAILED)) {
                    sent.get();
                    throw new IllegalStateException("webhooks bare loop: " + done + " of " + events.size() + " in " + LIMIT);
                }
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(BATCH).waitTimeSeconds(1))
                        .messages();
                if (batch.isEmpty()) {
                    continue;
                }
                // each message on a virtual thread of its own, as the worker works a batch's groups at once
                List<Future<?>> posts = new ArrayList<>();
                try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (Message m : batch) {
                        posts.add(each.submit(() -> {
                            post(target, secret, m);
                            return null;
                        }));
                    }
                }
                for (Future<?> post : posts) {
                    post.get();
                }
                if (log != null) {
                    log.accept(batch);
                }
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (Message m : batch) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                            .receiptHandle(m.receiptHandle()).build());
                }
                sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
                done += batch.size();
            }
            sent.get();
            long last = receiver.awaitCount(path, before + events.size(), LIMIT);
            return (last - start) / 1e9;
        } finally {
            sender.shutdownNow();
            sqs.deleteQueue(r -> r.queueUrl(url));
        }
    }

    /** One signed POST of the message's body, as the product signs; the receiver must answer 2xx. */
    private static void post(URI target, String secret, Message m) throws Exception {
        String body = m.body();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.header(Instant.now().getEpochSecond(), body, List.of(secret)))
                .header("Leadbase-Event-Id", m.messageId())
                .header("Leadbase-Delivery-Id", m.messageId())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("receiver answered " + status);
        }
    }

    /**
     * For the diagnostic loop: a log item per delivery shaped as the worker's (a succeeded attempt) on scratch keys of
     * WebhookDeliveriesTable, the batch's in one BatchWriteItem (what DynamoDB leaves unprocessed sent again).
     */
    private static Consumer<List<Message>> logWriter(RunningRuntime runtime) {
        String table = runtime.tableName("WebhookDeliveriesTable");
        String pk = "bare_" + UUID.randomUUID().toString().substring(0, 8) + "#wh_bare#succeeded";
        return batch -> {
            List<WriteRequest> writes = new ArrayList<>();
            batch.forEach(m -> writes.add(WriteRequest.builder().putRequest(p -> p.item(logItem(pk, m))).build()));
            for (Map<String, List<WriteRequest>> left = Map.of(table, writes); !left.isEmpty(); ) {
                Map<String, List<WriteRequest>> sending = left;
                left = runtime.dynamo().batchWriteItem(r -> r.requestItems(sending)).unprocessedItems();
            }
        };
    }

    private static Map<String, AttributeValue> logItem(String pk, Message m) {
        Instant now = Instant.now();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(String.format(Locale.ROOT, "%013d", now.toEpochMilli()) + "#"
                + m.messageId() + "#0001"));
        item.put("deliveryId", AttributeValue.fromS("dlv_" + m.messageId()));
        item.put("eventId", AttributeValue.fromS("evt_" + m.messageId()));
        item.put("type", AttributeValue.fromS("lead.created"));
        item.put("attempt", AttributeValue.fromN("1"));
        item.put("latencyMs", AttributeValue.fromN("2"));
        item.put("responseCode", AttributeValue.fromN("200"));
        item.put("attemptedAt", AttributeValue.fromS(now.toString()));
        item.put("expiresAt", AttributeValue.fromN(String.valueOf(now.plus(Duration.ofDays(30)).getEpochSecond())));
        return item;
    }

    // ---------------------------------------------------------------- latency

    private void latency(Context ctx, Subscribed sub, WebhookReceiver receiver, List<Bench.Row> rows) throws Exception {
        int samples = ctx.config().pick(200, 40, 4);
        Bench.log("webhooks: latency, " + samples + " writes");
        ApiClient api = sub.tenant().api();
        long[] nanos = new long[samples];
        long[] creates = new long[(samples + 1) / 2];
        long[] patches = new long[samples / 2];
        String lastCreated = null;
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            long arrived;
            if (i % 2 == 0) {
                String id8 = UUID.randomUUID().toString().substring(0, 8);
                lastCreated = api.require("POST", "/api/v2/leads", Map.of("email", "latency-" + id8 + "@example.com",
                        "firstName", "Latency", "lastName", "Lead " + id8, "company", "Acme"), 201)
                        .path("data").path("id").asText();
                arrived = receiver.awaitFirst("lead.created", lastCreated, Duration.ofSeconds(60));
                creates[i / 2] = arrived - start;
            } else {
                api.require("PATCH", "/api/v2/leads/" + lastCreated, Map.of("status", "contacted", "title", "Head of bench"), -1);
                arrived = receiver.awaitFirst("lead.updated", lastCreated, Duration.ofSeconds(60));
                patches[i / 2] = arrived - start;
            }
            nanos[i] = arrived - start;
        }
        Arrays.sort(nanos);
        Arrays.sort(creates);
        Arrays.sort(patches);
        String note = String.format(Locale.ROOT, "%d writes through the local HTTP server, one after the other: every"
                        + " other one a POST /api/v2/leads, then a PATCH of that lead (status, title); from sending the"
                        + " request until the receiver gets its lead.created / lead.updated (Leads stream poller every"
                        + " 200 ms -> SearchIndexer -> ChangesQueue -> ChangesWorker (feed, fan-out) -> DeliveryQueue ->"
                        + " DeliveryWorker -> POST), one subscription to every type. Creates p50 %.1f ms p99 %.1f ms;"
                        + " patches p50 %.1f ms p99 %.1f ms", samples, Bench.pct(creates, 0.5), Bench.pct(creates, 0.99),
                patches.length == 0 ? Double.NaN : Bench.pct(patches, 0.5),
                patches.length == 0 ? Double.NaN : Bench.pct(patches, 0.99));
        rows.add(new Bench.Row(P50, Bench.pct(nanos, 0.5), "ms", null, null, "info", null, note));
        rows.add(new Bench.Row(P99, Bench.pct(nanos, 0.99), "ms", null, null, "info", null, note));
    }

    // ---------------------------------------------------------------- the month without outbound events

    /** The month's cost of this run (the cost section's row) or, in a run without it, the last full run's. */
    private static BaseMonth baseMonth(Context ctx, List<Bench.Row> rows) {
        for (Bench.Row r : rows) {
            if (r.name().equals(ReferenceMonth.ROW)) {
                return new BaseMonth(r.figure(), "this run's " + ReferenceMonth.ROW);
            }
        }
        Path latest = ctx.config().repoRoot().resolve("bench/results/latest.json");
        try {
            if (Files.exists(latest)) {
                for (JsonNode r : Bench.JSON.readTree(latest.toFile()).path("rows")) {
                    if (r.path("name").asText().equals(ReferenceMonth.ROW)) {
                        return new BaseMonth(r.path("figure").asDouble(), ReferenceMonth.ROW + " of the last recorded"
                                + " run (bench/results/latest.json, mode " + Bench.JSON.readTree(latest.toFile())
                                .path("mode").asText() + "): the cost section did not run in this one");
                    }
                }
            }
        } catch (java.io.IOException e) {
            // no recorded run: the growth row says so
        }
        return new BaseMonth(Double.NaN, "no " + ReferenceMonth.ROW + " in this run or in bench/results/latest.json");
    }

    record BaseMonth(double usd, String source) {
    }
}
