package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.LocalRuntime;
import dev.leadbase.local.Options;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.local.events.SqsPoller;
import dev.leadbase.local.events.StreamPoller;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What outbound events add to the bill, metered. It runs on a local runtime of its own without pollers, so that
 * nothing but the containers measured here handles a record or a message (the bench runtime's SearchIndexer would
 * publish, and coalesce score changes, for the same writes). Leads are written through that runtime's HTTP API
 * (unmetered); their stream records (images read back, a stream name of this run and growing sequence numbers, so
 * event ids are new) go to a SearchIndexer container over one metering client (only its units on the tables the
 * change events need count: ScoreChangesTable and the rule sets' Query of the score gate); ChangesQueue is drained
 * into a ChangesWorker and DeliveryQueue into a DeliveryWorker over a second one (everything they do is outbound),
 * ScoreChangesQueue into a ScoreChangeFlusher over a third. One subscription to every event type, at the receiver.
 */
final class OutboundCost {
    static final String UNITS_PER_EVENT = "write units per change event";
    static final String USD_PER_EVENT = "USD per million change events";
    static final String CREATE = "outbound write units per create";
    static final String PATCH = "outbound write units per patch";
    static final String SCORING = "outbound write units per scoring event";
    static final String SCORING_FRESH = SCORING + ", fresh lead";
    static final String SCORING_SCORED = SCORING + ", scored lead";
    static final String MONTH = "USD per reference month with one subscription";
    static final String GROWTH = "USD per reference month growth with one subscription";
    static final List<String> ROWS = List.of(UNITS_PER_EVENT, USD_PER_EVENT, CREATE, PATCH, SCORING, SCORING_FRESH,
            SCORING_SCORED, MONTH, GROWTH);
    static final double WRITE_GOAL = 3;
    static final double SCORING_GOAL = 0.5;
    static final double GROWTH_GOAL_PERCENT = 15;
    /** The SearchIndexer's units that are the change events' (the rest is its search-entry check). */
    private static final List<String> PRODUCER_TABLES = List.of("ScoreChangesTable", "RulesetsTable");
    private static final String PATH = "/metered";
    /**
     * The levels of the scoring passes' rule set (the defaults put warm at 20): a lead's first 1-point view makes it
     * cold, and the scored-lead burst (score 10 to 20) crosses no level, so it measures the coalescing, not a level
     * change (always told at once).
     */
    private static final int WARM = 50;
    private static final int HOT = 100;

    private final Section.Context ctx;
    private final WebhookReceiver receiver;
    private final AtomicLong sequence = new AtomicLong(1_000_000);
    private final String streamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/LeadItemsTable/stream/bench-"
            + UUID.randomUUID();

    OutboundCost(Section.Context ctx, WebhookReceiver receiver) {
        this.ctx = ctx;
        this.receiver = receiver;
    }

    void run(List<Bench.Row> rows, WebhooksBench.BaseMonth base) throws Exception {
        String adminKey = "lb_admin_" + KeyHasher.newId("bench");
        int window = ctx.config().pick(60, 20, 3);
        Bench.log("webhooks: metering outbound units on a quiet runtime (score change window " + window + " s)");
        try (RunningRuntime quiet = LocalRuntime.start(Options.defaults()
                .withTemplate(ctx.config().repoRoot().resolve("template.yaml"))
                .withPort(0).withPollers(false).withSchedules(false)
                .withParameters(Map.of("BootstrapKeyHash", KeyHasher.sha256(adminKey), "KeyCacheTtlSeconds", "30")))) {
            new Measurement(quiet, new ApiClient(quiet.baseUrl(), adminKey), window).run(rows, base);
        }
    }

    /** Units, Lambda time and requests of one kind of operation. */
    private static final class Pass {
        final String name;
        int operations;
        int changes;
        int deliveries;
        int scoreFlushes;
        MeteredDynamo.Reading producer;
        MeteredDynamo.Reading feed;
        MeteredDynamo.Reading flush;
        double feedGbSeconds;
        double feedInvocations;
        double feedSqs;
        double flushGbSeconds;
        double flushInvocations;
        double flushSqs;

        Pass(String name) {
            this.name = name;
        }

        double producerWrites() {
            return sum(producer.writesByTarget(), PRODUCER_TABLES);
        }

        double producerReads() {
            return sum(producer.readsByTarget(), PRODUCER_TABLES);
        }

        double writeUnits() {
            return producerWrites() + feed.writeUnits() + flush.writeUnits();
        }

        double readUnits() {
            return producerReads() + feed.readUnits() + flush.readUnits();
        }

        /** What outbound events add to one operation (Lambda expressed at 1024 MB). */
        Usage perOperation() {
            return new Usage(readUnits() / operations, writeUnits() / operations,
                    (feedGbSeconds + flushGbSeconds) / operations, 1024, (feedInvocations + flushInvocations) / operations,
                    0, (feedSqs + flushSqs) / operations, null);
        }

        String writesText() {
            return text(producer.writesByTarget(), feed.writesByTarget(), flush.writesByTarget());
        }

        String readsText() {
            return text(producer.readsByTarget(), feed.readsByTarget(), flush.readsByTarget());
        }

        /** Units per operation by function and table: the SearchIndexer's on the producer tables, the workers' all. */
        private String text(Map<String, Double> producerUnits, Map<String, Double> feedUnits, Map<String, Double> flushUnits) {
            Map<String, Double> all = new LinkedHashMap<>();
            PRODUCER_TABLES.forEach(t -> all.merge("SearchIndexer " + t, sum(producerUnits, List.of(t)), Double::sum));
            feedUnits.forEach((t, v) -> all.merge(t, v, Double::sum));
            flushUnits.forEach((t, v) -> all.merge("ScoreChangeFlusher " + t, v, Double::sum));
            all.replaceAll((k, v) -> v / operations);
            all.values().removeIf(v -> v == 0);
            return Metering.format(all);
        }

        private static double sum(Map<String, Double> byTarget, List<String> tables) {
            return byTarget.entrySet().stream()
                    .filter(e -> tables.stream().anyMatch(t -> e.getKey().equals(t) || e.getKey().startsWith(t + ".")))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    /**
     * The two scoring bursts and the reference month's mix of them: per created lead its events / creates (50), in
     * bursts of {@code perLead}, the first on the fresh lead, the rest on the lead once scored.
     */
    private record Scoring(Pass fresh, Pass scored, int perLead) {
        double eventsPerLead() {
            return (double) ReferenceMonth.OPERATIONS.get("event") / ReferenceMonth.OPERATIONS.get("create");
        }

        double scoredBursts() {
            return Math.max(0, eventsPerLead() - perLead) / perLead;
        }

        /** A figure per event of the month: the two bursts' figures per event, weighted by their events. */
        double mix(double freshPerEvent, double scoredPerEvent) {
            return (freshPerEvent + scoredBursts() * scoredPerEvent) / (1 + scoredBursts());
        }

        /** What outbound events add to one scoring event of the month (Lambda expressed at 1024 MB). */
        Usage perEvent() {
            Usage f = fresh.perOperation();
            Usage s = scored.perOperation();
            return new Usage(mix(f.readUnits(), s.readUnits()), mix(f.writeUnits(), s.writeUnits()),
                    mix(f.lambdaSeconds(), s.lambdaSeconds()), 1024, mix(f.lambdaRequests(), s.lambdaRequests()), 0,
                    mix(f.sqsRequests(), s.sqsRequests()), null);
        }
    }

    private final class Measurement {
        private final RunningRuntime quiet;
        private final WebhooksBench.Subscribed sub;
        private final int window;
        private final MeteredDynamo producerMeter;
        private final MeteredDynamo feedMeter;
        private final MeteredDynamo flushMeter;
        private final LocalFunction indexer;
        private final LocalFunction changes;
        private final LocalFunction delivery;
        private final LocalFunction flusher;
        private final SqsClient sqs;

        Measurement(RunningRuntime quiet, ApiClient admin, int window) {
            this.quiet = quiet;
            this.window = window;
            this.sqs = quiet.sqs();
            this.sub = WebhooksBench.subscribedTenant(admin, receiver, PATH);
            producerMeter = MeteredDynamo.around(quiet.dynamo());
            feedMeter = MeteredDynamo.around(quiet.dynamo());
            flushMeter = MeteredDynamo.around(quiet.dynamo());
            Map<String, String> windowed = Map.of("SCORE_CHANGE_WINDOW_SECONDS", String.valueOf(window));
            indexer = quiet.function("SearchIndexer").over(producerMeter.client(), windowed);
            changes = quiet.function("ChangesWorker").over(feedMeter.client(), Map.of());
            delivery = quiet.function("DeliveryWorker").over(feedMeter.client(), Map.of());
            flusher = quiet.function("ScoreChangeFlusher").over(flushMeter.client(), windowed);
        }

        void run(List<Bench.Row> rows, WebhooksBench.BaseMonth base) throws Exception {
            int repeats = ctx.config().pick(20, 10, 3);
            int scoredLeads = ctx.config().pick(20, 10, 3);
            // as the full scoring throughput row: 1,000 events over 100 leads, 10 a lead within a minute; in every mode,
            // so that the figure does not depend on the mode
            int perLead = 10;
            // warm-up, unmetered: the containers' first use
            List<String> warm = creates(2);
            indexed(new Pass("warm-up"), records(warm, Map.of()));
            int before = receiver.count(PATH);
            Pass create = creates(repeats, new Pass("create"));
            Pass patch = patches(create.operations > 0 ? lastCreated : List.of(), new Pass("patch"));
            Scoring scoring = scoring(scoredLeads, perLead);
            List<Pass> passes = List.of(create, patch, scoring.fresh(), scoring.scored());
            int delivered = receiver.count(PATH) - before;

            // per change event: the feed's writer and the delivery worker, over every event of the passes
            int events = passes.stream().mapToInt(p -> p.changes).sum();
            int deliveries = passes.stream().mapToInt(p -> p.deliveries).sum();
            double feedWrites = passes.stream().mapToDouble(p -> p.feed.writeUnits()).sum();
            double feedReads = passes.stream().mapToDouble(p -> p.feed.readUnits()).sum();
            Map<String, Double> byTarget = new LinkedHashMap<>();
            passes.forEach(p -> p.feed.writesByTarget().forEach((t, v) -> byTarget.merge(t, v / events, Double::sum)));
            Usage perEvent = new Usage(feedReads / events, feedWrites / events,
                    passes.stream().mapToDouble(p -> p.feedGbSeconds).sum() / events, 1024,
                    passes.stream().mapToDouble(p -> p.feedInvocations).sum() / events, 0,
                    passes.stream().mapToDouble(p -> p.feedSqs).sum() / events, null);
            String what = String.format(Locale.ROOT, "%d change events (%d lead.created, %d lead.updated, %d from %d"
                            + " scoring events), one subscription to every type: %d deliveries queued, %d received by the"
                            + " receiver"
                            + " (signatures not verified by the receiver in this whole section: %d); ChangesWorker and"
                            + " DeliveryWorker over a metering client; delivered by types: %s",
                    events, create.changes, patch.changes, scoring.fresh().changes + scoring.scored().changes,
                    scoring.fresh().operations + scoring.scored().operations, deliveries, delivered,
                    receiver.badSignatures(), receiver.typesText());
            rows.add(new Bench.Row(UNITS_PER_EVENT, perEvent.writeUnits(), "WRU", null, null, "info", null,
                    what + "; write units per event by table: " + Metering.format(byTarget)
                            + String.format(Locale.ROOT, "; read units per event %.2f", perEvent.readUnits())));
            rows.add(new Bench.Row(USD_PER_EVENT, perEvent.totalUsd() * 1e6, "USD", null, null, "info", null,
                    String.format(Locale.ROOT, "%s; DynamoDB $%.3f + Lambda $%.3f (%.2f invocations of ChangesWorker and"
                                    + " DeliveryWorker, their handler time at their memory) + SQS $%.3f (%.2f requests:"
                                    + " ChangesQueue send by 10, receive + delete per batch; the same on DeliveryQueue)"
                                    + " per million", what, perEvent.dynamoUsd() * 1e6, perEvent.lambdaUsd() * 1e6,
                            perEvent.lambdaRequests(), perEvent.otherUsd() * 1e6, perEvent.sqsRequests())));

            rows.add(goalRow(CREATE, create, WRITE_GOAL, repeats + " POST /api/v2/leads, their INSERT records"));
            rows.add(goalRow(PATCH, patch, WRITE_GOAL, patch.operations + " PATCH /api/v2/leads/{id} of status and title,"
                    + " each of another lead, their MODIFY records"));
            scoringRows(rows, scoring, scoredLeads);
            month(rows, base, create, patch, scoring);
        }

        private List<String> lastCreated = List.of();

        private Bench.Row goalRow(String name, Pass p, double goal, String what) {
            double units = p.writeUnits() / p.operations;
            double ratio = units / goal;
            return new Bench.Row(name, units, "WRU", goal, ratio, "<= 1", ratio <= 1, passText(p, what));
        }

        private static String passText(Pass p, String what) {
            Usage u = p.perOperation();
            return String.format(Locale.ROOT, "%s; %d change events, %d deliveries; write units per operation by table:"
                            + " %s; read units %.2f (%s); USD per million operations %.3f (DynamoDB %.3f, Lambda %.3f,"
                            + " SQS %.3f)", what, p.changes, p.deliveries, p.writesText(), u.readUnits(), p.readsText(),
                    u.totalUsd() * 1e6, u.dynamoUsd() * 1e6, u.lambdaUsd() * 1e6, u.otherUsd() * 1e6);
        }

        /** The month's mix of the two bursts against the goal, and each burst's own figure (info). */
        private void scoringRows(List<Bench.Row> rows, Scoring s, int leads) {
            String burst = String.format(Locale.ROOT, "a burst: %d page views on each of %d leads (one engagement rule"
                    + " set, 1 point each; levels cold from 0, warm from %d, hot from %d), sent as %d POST /api/v2/events"
                    + " of one event per lead, each applied by the EventsWorker before the next; the MODIFY records of"
                    + " the lead writes to the SearchIndexer (the score gate); after the coalescing window"
                    + " (SCORE_CHANGE_WINDOW_SECONDS = %d, set on the SearchIndexer and ScoreChangeFlusher containers;"
                    + " %s) ScoreChangesQueue drained into the ScoreChangeFlusher, so the final told score is counted",
                    s.perLead(), leads, WARM, HOT, s.perLead(), window, window == 60 ? "the template's"
                            : "the template's is 60: a shorter window tells at least as many events for the same burst");
            String fresh = String.format(Locale.ROOT, "on leads created just before (the first event moves a lead's"
                    + " level from none to cold, a level change, told at once); %d flush messages",
                    s.fresh().scoreFlushes);
            String scored = String.format(Locale.ROOT, "on the same leads, scored by the fresh-lead burst, once its"
                    + " flushes were drained: score %d to %d, no level crossed; %d flush messages", s.perLead(),
                    2 * s.perLead(), s.scored().scoreFlushes);
            Usage f = s.fresh().perOperation();
            Usage o = s.scored().perOperation();
            Usage mix = s.perEvent();
            double ratio = mix.writeUnits() / SCORING_GOAL;
            rows.add(new Bench.Row(SCORING, mix.writeUnits(), "WRU", SCORING_GOAL, ratio, "<= 1", ratio <= 1,
                    String.format(Locale.ROOT, "the reference month's mix: %,d events / %,d creates = %s events per"
                                    + " created lead, in bursts of %d: one fresh-lead burst and %s scored-lead bursts,"
                                    + " so (units of a fresh-lead burst + %s x units of a scored-lead burst) / %s per"
                                    + " event; fresh-lead burst %.3f write units per event (read units %.2f, USD per"
                                    + " million %.3f), scored-lead burst %.3f (read units %.2f, USD per million %.3f);"
                                    + " the mix: read units %.2f, USD per million events %.3f (DynamoDB %.3f, Lambda"
                                    + " %.3f, SQS %.3f); %s, once %s, then once %s",
                            ReferenceMonth.OPERATIONS.get("event"), ReferenceMonth.OPERATIONS.get("create"),
                            plain(s.eventsPerLead()), s.perLead(), plain(s.scoredBursts()), plain(s.scoredBursts()),
                            plain(s.eventsPerLead()),
                            f.writeUnits(), f.readUnits(), f.totalUsd() * 1e6, o.writeUnits(), o.readUnits(),
                            o.totalUsd() * 1e6, mix.readUnits(), mix.totalUsd() * 1e6, mix.dynamoUsd() * 1e6,
                            mix.lambdaUsd() * 1e6, mix.otherUsd() * 1e6, burst, fresh, scored)));
            rows.add(infoRow(SCORING_FRESH, s.fresh(), burst + ", " + fresh));
            rows.add(infoRow(SCORING_SCORED, s.scored(), burst + ", " + scored));
        }

        /** 50, 4, or 4.5 if the month's figures ever made it so. */
        private static String plain(double x) {
            return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        }

        private static Bench.Row infoRow(String name, Pass p, String what) {
            return new Bench.Row(name, p.writeUnits() / p.operations, "WRU", null, null, "info", null, passText(p, what));
        }

        private void month(List<Bench.Row> rows, WebhooksBench.BaseMonth base, Pass create, Pass patch, Scoring scoring) {
            Map<String, Double> added = new LinkedHashMap<>();
            Map<String, Long> ops = ReferenceMonth.OPERATIONS;
            added.put("create", ops.get("create") * create.perOperation().totalUsd());
            added.put("patch", ops.get("patch") * patch.perOperation().totalUsd());
            added.put("event", ops.get("event") * scoring.perEvent().totalUsd());
            // an enriched lead is written back once: a lead.updated, priced as a patch's
            added.put("enrichment lead", ops.get("enrichment lead") * patch.perOperation().totalUsd());
            double extra = added.values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder note = new StringBuilder();
            added.forEach((op, usd) -> note.append(note.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT,
                    "%,d %s +$%,.2f", ops.get(op), op, usd)));
            String how = String.format(Locale.ROOT, "outbound additions per operation of this run priced into the"
                    + " reference month (%s; an event priced as the scoring mix of the row '" + SCORING + "'; list and"
                    + " get add nothing; an enriched lead's write-back is a lead.updated,"
                    + " priced as a patch's, the job's enrichment.completed (one per job) left out): +$%,.2f over $%,.2f"
                    + " (%s); DynamoDB, Lambda of ChangesWorker, DeliveryWorker and ScoreChangeFlusher, SQS requests on"
                    + " ChangesQueue, DeliveryQueue and ScoreChangesQueue; the SearchIndexer's own time for publishing is"
                    + " not separated from its search-entry check and is not added", note, extra, base.usd(), base.source());
            double total = base.usd() + extra;
            rows.add(new Bench.Row(MONTH, total, "USD", base.usd(), total / base.usd(), "info", null, how));
            double growth = 100 * extra / base.usd();
            double ratio = growth / GROWTH_GOAL_PERCENT;
            rows.add(new Bench.Row(GROWTH, growth, "%", GROWTH_GOAL_PERCENT, ratio, "<= 1",
                    Double.isNaN(ratio) ? null : ratio <= 1, how));
        }

        // ------------------------------------------------------------ the operations

        private List<String> creates(int n) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id8 = UUID.randomUUID().toString().substring(0, 8);
                ids.add(sub.tenant().api().require("POST", "/api/v2/leads", Map.of("email", "outbound-" + id8 + "@example.com",
                        "firstName", "Outbound", "lastName", "Lead " + id8, "company", "Acme", "status", "new",
                        "tags", List.of("bench")), 201).path("data").path("id").asText());
            }
            return ids;
        }

        private Pass creates(int n, Pass pass) throws Exception {
            List<String> ids = creates(n);
            lastCreated = ids;
            resetMeters();
            pass.operations = n;
            indexed(pass, records(ids, Map.of()));
            return take(pass);
        }

        private Pass patches(List<String> ids, Pass pass) throws Exception {
            Map<String, Map<String, AttributeValue>> old = new LinkedHashMap<>();
            ids.forEach(id -> old.put(id, item(id)));
            for (String id : ids) {
                sub.tenant().api().require("PATCH", "/api/v2/leads/" + id, Map.of("status", "contacted", "title",
                        "Head of " + UUID.randomUUID().toString().substring(0, 6)), -1);
            }
            resetMeters();
            pass.operations = ids.size();
            indexed(pass, records(ids, old));
            return take(pass);
        }

        /** A burst on fresh leads, then, once its flushes are drained, a burst on the same leads. */
        private Scoring scoring(int leads, int perLead) throws Exception {
            sub.tenant().api().require("POST", "/api/v2/scoring/rulesets", Map.of("name", "Outbound", "type",
                    "engagement", "primary", true, "rules", List.of(Map.of("eventType", "page_view", "points", 1)),
                    "thresholds", List.of(Map.of("level", "cold", "min", 0), Map.of("level", "warm", "min", WARM),
                            Map.of("level", "hot", "min", HOT))), 201);
            List<String> ids = creates(leads);
            Pass fresh = burst(ids, perLead, new Pass("scoring event, fresh lead"));
            Pass scored = burst(ids, perLead, new Pass("scoring event, scored lead"));
            return new Scoring(fresh, scored, perLead);
        }

        /** {@code perLead} page views on each lead, then the window's delayed flushes drained; metered into the pass. */
        private Pass burst(List<String> ids, int perLead, Pass pass) throws Exception {
            ApiClient api = sub.tenant().api();
            String eventsQueue = quiet.queueUrl("EventsQueue");
            LocalFunction eventsWorker = quiet.function("EventsWorker");
            resetMeters();
            pass.operations = ids.size() * perLead;
            for (int round = 0; round < perLead; round++) {
                Map<String, Map<String, AttributeValue>> old = new LinkedHashMap<>();
                ids.forEach(id -> old.put(id, item(id)));
                List<Map<String, Object>> events = new ArrayList<>();
                ids.forEach(id -> events.add(Map.of("leadId", id, "type", "page_view")));
                api.require("POST", "/api/v2/events", Map.of("events", events), 202);
                drain(eventsQueue, eventsWorker); // the scoring itself: not outbound, not metered
                indexed(pass, records(ids, old));
            }
            // the held-back changes are told when their window ends: wait for the delayed flush messages
            String flushes = quiet.queueUrl("ScoreChangesQueue");
            long deadline = System.nanoTime() + Duration.ofSeconds(window + 60L).toNanos();
            while (true) {
                Drained d = drain(flushes, flusher);
                pass.scoreFlushes += d.messages();
                pass.flushGbSeconds += d.gbSeconds();
                pass.flushInvocations += d.batches();
                pass.flushSqs += d.messages() + 2.0 * d.batches(); // each held-back change a send; receive + delete
                chain(pass);
                if (empty(flushes, true)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("webhooks: score flushes still waiting after " + (window + 60) + " s");
                }
                Bench.sleep(250);
            }
            return take(pass);
        }

        /** The SearchIndexer on one batch of records, then the feed's writer and the deliveries they lead to. */
        private void indexed(Pass pass, DynamodbEvent records) {
            Object response = indexer.invoke(records);
            if (response instanceof StreamsEventResponse r && !r.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("SearchIndexer reported failures: " + response);
            }
            chain(pass);
        }

        private void chain(Pass pass) {
            Drained c = drain(quiet.queueUrl("ChangesQueue"), changes);
            Drained d = drain(quiet.queueUrl("DeliveryQueue"), delivery);
            pass.changes += c.messages();
            pass.deliveries += d.messages();
            pass.feedGbSeconds += c.gbSeconds() + d.gbSeconds();
            pass.feedInvocations += c.batches() + d.batches();
            // sends by 10 (the producers and the fan-out batch their sends), a receive and a delete per batch
            pass.feedSqs += Math.ceil(c.messages() / 10.0) + 2.0 * c.batches()
                    + Math.ceil(d.messages() / 10.0) + 2.0 * d.batches();
        }

        private void resetMeters() {
            producerMeter.reset();
            feedMeter.reset();
            flushMeter.reset();
        }

        private Pass take(Pass pass) {
            pass.producer = producerMeter.reset();
            pass.feed = feedMeter.reset();
            pass.flush = flushMeter.reset();
            return pass;
        }

        private record Drained(int messages, int batches, double gbSeconds) {
        }

        /** Receives what the queue holds now, by 10, into the worker as the runtime's poller would, until none is left. */
        private Drained drain(String queue, LocalFunction worker) {
            String arn = sqs.getQueueAttributes(a -> a.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            int messages = 0;
            int batches = 0;
            double seconds = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                List<Message> batch = sqs.receiveMessage(m -> m.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (batch.isEmpty()) {
                    if (empty(queue, false)) {
                        return new Drained(messages, batches, seconds * worker.definition().memoryMb() / 1024.0);
                    }
                    Bench.sleep(20);
                    continue;
                }
                long start = System.nanoTime();
                Object response = worker.invoke(SqsPoller.toEvent(batch, arn));
                seconds += (System.nanoTime() - start) / 1e9;
                if (response instanceof SQSBatchResponse r && !r.getBatchItemFailures().isEmpty()) {
                    throw new IllegalStateException(worker.name() + " reported failures: " + response);
                }
                batches++;
                messages += batch.size();
                List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                for (Message m : batch) {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                            .receiptHandle(m.receiptHandle()).build());
                }
                sqs.deleteMessageBatch(d -> d.queueUrl(queue).entries(done));
            }
            throw new IllegalStateException(worker.name() + ": " + queue + " not drained in 60 s");
        }

        /** Whether the queue holds nothing visible or in flight (and, when asked, nothing delayed). */
        private boolean empty(String queue, boolean delayedToo) {
            List<QueueAttributeName> names = new ArrayList<>(List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            if (delayedToo) {
                names.add(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
            }
            return sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(names)).attributes().values().stream()
                    .allMatch("0"::equals);
        }

        /** Stream records of these leads, their new images read back: INSERT, or MODIFY with the old image given. */
        private DynamodbEvent records(List<String> leadIds, Map<String, Map<String, AttributeValue>> oldImages) {
            List<Record> records = new ArrayList<>();
            for (String leadId : leadIds) {
                Map<String, AttributeValue> old = oldImages.get(leadId);
                Map<String, AttributeValue> now = item(leadId);
                if (old != null && old.equals(now)) {
                    continue;
                }
                StreamRecord.Builder image = StreamRecord.builder().keys(key(leadId)).newImage(now)
                        .sequenceNumber(String.valueOf(sequence.incrementAndGet()))
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
                if (old != null) {
                    image.oldImage(old);
                }
                records.add(Record.builder().eventID(UUID.randomUUID().toString())
                        .eventName(old == null ? OperationType.INSERT : OperationType.MODIFY).dynamodb(image.build()).build());
            }
            return StreamPoller.toEvent(records, streamArn);
        }

        private Map<String, AttributeValue> key(String leadId) {
            return Map.of("tenantId", AttributeValue.fromS(sub.tenant().tenantId()), "leadId", AttributeValue.fromS(leadId));
        }

        /** The lead item as stored, read past the metering clients. */
        private Map<String, AttributeValue> item(String leadId) {
            return quiet.dynamo().getItem(g -> g.tableName(quiet.tableName("LeadItemsTable")).key(key(leadId))
                    .consistentRead(true)).item();
        }
    }
}
