package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.local.events.StreamPoller;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Cost per million operations, from the capacity DynamoDB reports for the calls each operation makes and the
 * handler time it takes. The functions run as second containers built over a metering client; the submit and
 * track functions send to scratch queues, so the measured workers (not the runtime's pollers) take every message.
 */
final class Cost implements Section {
    static final List<String> CASES = List.of("list", "get", "create", "patch", "enrichment lead", "event");
    static final String ENRICHMENT_REQUESTS = "DynamoDB requests per enrichment lead";
    static final String EVENT_REQUESTS = "DynamoDB requests per event";
    static final String SEARCH_ENTRIES = "search entries per create";
    static final String CEILING_EVENTS = "tenant ceiling events/s";
    static final String CEILING_CREATES = "tenant ceiling creates/s";
    static final String CEILING_LISTS = "tenant ceiling list pages/s";
    static final String CEILING_EVENTS_MAX = "tenant ceiling events/s at max shards";
    /** The Leads stream's consumers, run on the records of the creates and patches measured. */
    private static final List<String> STREAM_CONSUMERS = List.of("SearchIndexer", "ProfileScorer");

    @Override
    public List<String> rowNames() {
        List<String> names = new ArrayList<>(Section.each(CASES, "read units per %s", "write units per %s",
                "USD per million %s"));
        names.addAll(List.of(ReferenceMonth.ROW, ENRICHMENT_REQUESTS, EVENT_REQUESTS, SEARCH_ENTRIES, CEILING_EVENTS,
                CEILING_CREATES, CEILING_LISTS, CEILING_EVENTS_MAX));
        return names;
    }

    @Override
    public void run(Context ctx, List<Bench.Row> rows) throws Exception {
        RunningRuntime runtime = ctx.runtime();
        SqsClient sqs = runtime.sqs();
        String enrichQueue = sqs.createQueue(q -> q.queueName("bench-cost-enrichment-" + UUID.randomUUID())).queueUrl();
        String eventsQueue = sqs.createQueue(q -> q.queueName("bench-cost-events-" + UUID.randomUUID())).queueUrl();
        MeteredDynamo meter = MeteredDynamo.around(runtime.dynamo());
        Map<String, LocalFunction> fns = new LinkedHashMap<>();
        for (String id : List.of("ListLeadsFunction", "GetLeadFunction", "CreateLeadFunction", "UpdateLeadFunction", "SearchIndexer",
                "ProfileScorer", "EnrichmentWorkerFunction", "EventsWorker")) {
            fns.put(id, runtime.function(id).over(meter.client(), Map.of()));
        }
        fns.put("SubmitEnrichmentFunction", runtime.function("SubmitEnrichmentFunction")
                .over(meter.client(), Map.of("ENRICHMENT_QUEUE_URL", enrichQueue)));
        fns.put("TrackEventsFunction", runtime.function("TrackEventsFunction")
                .over(meter.client(), Map.of("EVENTS_QUEUE_URL", eventsQueue)));
        try {
            new Measurement(ctx, meter, fns, sqs).run(rows, enrichQueue, eventsQueue);
        } finally {
            sqs.deleteQueue(q -> q.queueUrl(enrichQueue));
            sqs.deleteQueue(q -> q.queueUrl(eventsQueue));
        }
    }

    /** One pass over the six operations with the metered containers, then the figures drawn from them. */
    private static final class Measurement {
        private final Context ctx;
        private final MeteredDynamo meter;
        private final Map<String, LocalFunction> fns;
        private final SqsClient sqs;
        private final Bench.Tenant tenant;
        private final int repeats;

        Measurement(Context ctx, MeteredDynamo meter, Map<String, LocalFunction> fns, SqsClient sqs) {
            this.ctx = ctx;
            this.meter = meter;
            this.fns = fns;
            this.sqs = sqs;
            this.tenant = Bench.newTenant(ctx.admin(), 1_000);
            this.repeats = ctx.config().pick(20, 10, 3);
        }

        void run(List<Bench.Row> rows, String enrichQueue, String eventsQueue) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(create().path("data").path("id").asText());
            }
            String leadId = ids.getFirst();
            Map<String, Usage> usage = new LinkedHashMap<>();
            Usage firstPage = http("ListLeadsFunction", () -> event("GET", "/api/v2/leads", "/api/v2/leads",
                    Map.of("limit", "50"), null, null));
            List<Double> pages = new ArrayList<>(List.of(firstPage.readUnits()));
            pages.addAll(otherTenantsFirstPages(ctx.config().pick(9, 2, 0), ids.size()));
            double meanPage = pages.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            add(rows, usage, "list", firstPage.withReadUnits(meanPage), String.format(Locale.ROOT,
                    "GET /api/v2/leads?limit=50 over %d leads: the mean of %d tenants' first pages (%.1f to %.1f units each: a"
                    + " shard holding more of the page than its first read is read again, and which do depends on the"
                    + " tenant's random lead ids); units by index are the first tenant's", ids.size(), pages.size(),
                    Collections.min(pages), Collections.max(pages)));
            add(rows, usage, "get", http("GetLeadFunction", () -> event("GET", "/api/v2/leads/{id}", "/api/v2/leads/" + leadId,
                    Map.of(), Map.of("id", leadId), null)), "GET /api/v2/leads/{id}");
            add(rows, usage, "create", createWithStream(), "POST /api/v2/leads, plus the Leads stream consumers on its INSERT"
                    + " record (SearchIndexer's check of the search entries, ProfileScorer), " + repeats + " records a batch");
            add(rows, usage, "patch", patchWithStream(ids.subList(1, ids.size())), "PATCH /api/v2/leads/{id} of status"
                    + " and title, plus the Leads stream consumers on its MODIFY record, " + repeats + " records a batch");
            int jobSize = ctx.config().pick(50, 50, 10);
            add(rows, usage, "enrichment lead", enrichment(enrichQueue, jobSize), "one job of " + jobSize
                    + " leads: submit + worker batches of 10, divided by the leads; offline providers");
            add(rows, usage, "event", events(eventsQueue, ids), "POST /api/v2/events of 50 + worker batches of 10, per event; each event its lead's second (the first, unmetered, put the standing and score in place)");
            rows.add(ReferenceMonth.row(usage));
            rows.add(requests(ENRICHMENT_REQUESTS, "lead", usage.get("enrichment lead").metering(), bareEnrichment()));
            rows.add(requests(EVENT_REQUESTS, "event", usage.get("event").metering(), bareEvents()));
            rows.add(searchEntries(usage.get("create").metering()));
            Metering events = usage.get("event").metering();
            rows.add(ceiling(CEILING_EVENTS, Ceilings.writes(events, KeyLayout.DEFAULT_SHARDS), "events/s", 2_000.0));
            rows.add(ceiling(CEILING_CREATES, Ceilings.writes(usage.get("create").metering(), KeyLayout.DEFAULT_SHARDS),
                    "creates/s", 1_000.0));
            rows.add(ceiling(CEILING_LISTS, Ceilings.reads(usage.get("list").metering(), KeyLayout.DEFAULT_SHARDS),
                    "pages/s", null));
            rows.add(ceiling(CEILING_EVENTS_MAX, Ceilings.writes(events, KeyLayout.MAX_SHARDS), "events/s", 20_000.0));
        }

        /** A ceiling row: against its goal (a rate), or for information; keys in the note show the tenant as such. */
        private Bench.Row ceiling(String name, Ceilings.Ceiling c, String unit, Double goal) {
            String note = c.note().replace(tenant.tenantId(), "<tenant>");
            if (goal == null) {
                return new Bench.Row(name, c.perSecond(), unit, null, null, "info", null, note);
            }
            double ratio = c.perSecond() / goal;
            return new Bench.Row(name, c.perSecond(), unit, goal, ratio, ">= 1", ratio >= 1, note);
        }

        private static Bench.Row requests(String name, String item, Metering pipeline, Metering bare) {
            return new Bench.Row(name, pipeline.requests(), "requests", bare.requests(), pipeline.requests() / bare.requests(),
                    "info", null, String.format(Locale.ROOT, "every DynamoDB call (each page a call) per %s, counted by the"
                            + " metering client: pipeline %s; bare loop (%d %ss on scratch keys) %s", item,
                            pipeline.requestsByOperation(), bare.operations(), item, bare.requestsByOperation()));
        }

        /** The bare enrichment loop's read and settling write over the metering client (no queue: the calls are the same). */
        private Metering bareEnrichment() {
            int leads = 10;
            BareEnrichmentSettle settle = new BareEnrichmentSettle(ctx.runtime(), meter.client(), 1, leads);
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < leads; i++) {
                batch.add(settle.message(i));
            }
            meter.reset();
            settle.settle(batch); // one batch of the worker's BatchSize (10)
            return Metering.take(meter, leads);
        }

        /** The bare scoring loop's read and event writes over the metering client. */
        private Metering bareEvents() {
            int events = 10;
            BareEventWrite write = new BareEventWrite(ctx.runtime(), meter.client(), 5);
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                batch.add(write.message(i));
            }
            meter.reset();
            write.applyBatch(batch); // one batch of the worker's BatchSize (10)
            return Metering.take(meter, events);
        }

        /** The LeadIndex items a create puts that are search entries ({@code #s#} in their key). */
        private Bench.Row searchEntries(Metering create) {
            Metering.Entries e = create.puts("LeadIndexTable", List.of("#s#"));
            return new Bench.Row(SEARCH_ENTRIES, e.items(), "items", null, null, "info", null, String.format(Locale.ROOT,
                    "LeadIndex items put per create (request and stream consumers) whose pk holds #s#: one entry per"
                            + " distinct search word of the lead, pk <tenant>#s#<its first two letters>#<lead shard>, sk"
                            + " <word>#createdAt#leadId, holding leadId and the lead's words: %.1f, %.2f write units"
                            + " (each call's LeadIndexTable units shared out by its requests to that table)",
                    e.items(), e.writeUnits()));
        }

        private static void add(List<Bench.Row> rows, Map<String, Usage> usage, String name, Usage u, String what) {
            usage.put(name, u);
            String note = String.format(Locale.ROOT, "%s; DynamoDB $%.3f + Lambda $%.3f (%.1f ms at %d MB, %.2f invocations)"
                            + " + API Gateway/SQS $%.3f per million; prices: on-demand $0.125/M read, $0.625/M write units;"
                            + " Lambda arm64 $0.0000133334/GB-s + $0.20/M requests; HTTP API $1.00/M; SQS $0.40/M requests",
                    what, u.dynamoUsd() * 1e6, u.lambdaUsd() * 1e6, u.lambdaSeconds() * 1000, u.memoryMb(),
                    u.lambdaRequests(), u.otherUsd() * 1e6);
            rows.add(new Bench.Row("read units per " + name, u.readUnits(), "RRU", null, null, "info", null,
                    what + "; read units by table/index: " + u.metering().readsByTargetText()));
            rows.add(new Bench.Row("write units per " + name, u.writeUnits(), "WRU", null, null, "info", null,
                    what + "; write units by table/index: " + u.metering().writesByTargetText()));
            rows.add(new Bench.Row("USD per million " + name, u.totalUsd() * 1e6, "USD", null, null, "info", null, note));
        }

        /** The mean usage of {@code repeats} warm invocations of an HTTP function. */
        private Usage http(String function, Supplier<APIGatewayV2HTTPEvent> events) {
            LocalFunction fn = fns.get(function);
            ApiEvents.invokeOk(fn, events.get());
            meter.reset();
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                ApiEvents.invokeOk(fn, events.get());
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            Metering m = Metering.take(meter, repeats);
            MeteredDynamo.Reading r = m.reading();
            return new Usage(r.readUnits() / repeats, r.writeUnits() / repeats, median(seconds),
                    fn.definition().memoryMb(), 1, 1, 0, m);
        }

        /**
         * {@code repeats} creates, then the two Leads stream consumers on their INSERT records in one batch each, as
         * the stream would deliver them; the mean per create.
         */
        private Usage createWithStream() {
            LocalFunction create = fns.get("CreateLeadFunction");
            Supplier<APIGatewayV2HTTPEvent> request = () -> event("POST", "/api/v2/leads", "/api/v2/leads", Map.of(), null,
                    json(newLead()));
            consume(records(List.of(createdId(ApiEvents.invokeOk(create, request.get()))), Map.of()));
            meter.reset();
            List<String> ids = new ArrayList<>();
            double seconds = 0;
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                ids.add(createdId(ApiEvents.invokeOk(create, request.get())));
                seconds += (System.nanoTime() - start) / 1e9;
            }
            seconds += consume(records(ids, Map.of()));
            Metering m = Metering.take(meter, repeats);
            MeteredDynamo.Reading r = m.reading();
            return new Usage(r.readUnits() / repeats, r.writeUnits() / repeats, seconds / repeats,
                    create.definition().memoryMb(), 1 + (double) STREAM_CONSUMERS.size() / repeats, 1, 0, m);
        }

        /**
         * {@code repeats} patches of status and title, each of another lead, then the Leads stream consumers on their
         * MODIFY records in one batch each; the mean per patch.
         */
        private Usage patchWithStream(List<String> leadIds) {
            LocalFunction update = fns.get("UpdateLeadFunction");
            Supplier<String> body = () -> json(Map.of("status", "contacted", "title", "Head of " + UUID.randomUUID()
                    .toString().substring(0, 6)));
            String warm = leadIds.getFirst();
            Map<String, Map<String, AttributeValue>> warmOld = Map.of(warm, item(warm));
            ApiEvents.invokeOk(update, patch(warm, body.get()));
            consume(records(List.of(warm), warmOld));
            meter.reset();
            List<String> ids = leadIds.subList(1, repeats + 1);
            Map<String, Map<String, AttributeValue>> old = new LinkedHashMap<>();
            ids.forEach(id -> old.put(id, item(id)));
            double seconds = 0;
            for (String id : ids) {
                long start = System.nanoTime();
                ApiEvents.invokeOk(update, patch(id, body.get()));
                seconds += (System.nanoTime() - start) / 1e9;
            }
            seconds += consume(records(ids, old));
            Metering m = Metering.take(meter, repeats);
            MeteredDynamo.Reading r = m.reading();
            return new Usage(r.readUnits() / repeats, r.writeUnits() / repeats, seconds / repeats,
                    update.definition().memoryMb(), 1 + (double) STREAM_CONSUMERS.size() / repeats, 1, 0, m);
        }

        private APIGatewayV2HTTPEvent patch(String leadId, String body) {
            return event("PATCH", "/api/v2/leads/{id}", "/api/v2/leads/" + leadId, Map.of(), Map.of("id", leadId), body);
        }

        /** The Leads stream consumers on one batch of records; their seconds. */
        private double consume(DynamodbEvent records) {
            double seconds = 0;
            for (LocalFunction consumer : STREAM_CONSUMERS.stream().map(fns::get).toList()) {
                long start = System.nanoTime();
                Object response = consumer.invoke(records);
                seconds += (System.nanoTime() - start) / 1e9;
                if (response instanceof StreamsEventResponse r && !r.getBatchItemFailures().isEmpty()) {
                    throw new IllegalStateException(consumer.name() + " reported failures: " + response);
                }
            }
            return seconds;
        }

        private static String createdId(APIGatewayV2HTTPResponse response) {
            try {
                return Bench.JSON.readTree(response.getBody()).path("data").path("id").asText();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * The stream records of these leads, their new images read back from the table (unmetered): INSERT, or MODIFY
         * with the old image for a lead in {@code oldImages}.
         */
        private DynamodbEvent records(List<String> leadIds, Map<String, Map<String, AttributeValue>> oldImages) {
            String table = ctx.runtime().tableName("LeadItemsTable");
            List<Record> records = new ArrayList<>();
            for (String leadId : leadIds) {
                Map<String, AttributeValue> old = oldImages.get(leadId);
                StreamRecord.Builder image = StreamRecord.builder().keys(key(leadId)).newImage(item(leadId))
                        .sequenceNumber(String.valueOf(records.size() + 1)).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
                if (old != null) {
                    image.oldImage(old);
                }
                records.add(Record.builder().eventID(UUID.randomUUID().toString())
                        .eventName(old == null ? OperationType.INSERT : OperationType.MODIFY).dynamodb(image.build()).build());
            }
            return StreamPoller.toEvent(records, "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/bench");
        }

        private Map<String, AttributeValue> key(String leadId) {
            return Map.of("tenantId", AttributeValue.fromS(tenant.tenantId()), "leadId", AttributeValue.fromS(leadId));
        }

        /** The lead item as stored, read past the metering client. */
        private Map<String, AttributeValue> item(String leadId) {
            return ctx.runtime().dynamo().getItem(g -> g.tableName(ctx.runtime().tableName("LeadItemsTable")).key(key(leadId))
                    .consistentRead(true)).item();
        }

        private Usage enrichment(String queue, int leads) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < leads; i++) {
                batch.add(Map.of("email", "cost" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@stripe.com"));
            }
            Map<String, Object> body = Map.of("leads", batch, "enrichmentOptions", Map.of("includeCompanyInfo", true,
                    "includeContactInfo", true));
            meter.reset();
            LocalFunction submit = fns.get("SubmitEnrichmentFunction");
            long start = System.nanoTime();
            ApiEvents.invokeOk(submit, event("POST", "/api/v2/enrich", "/api/v2/enrich", Map.of(), null, json(body)));
            double submitSeconds = (System.nanoTime() - start) / 1e9;
            QueueDrain.Drained worker = new QueueDrain(sqs, queue).into(fns.get("EnrichmentWorkerFunction"), leads);
            double sendRequests = Math.ceil(leads / 10.0);
            return perItem(Metering.take(meter, leads), submit, submitSeconds, worker, sendRequests);
        }

        private Usage events(String queue, List<String> leadIds) {
            ApiClient api = tenant.api();
            api.require("POST", "/api/v2/scoring/rulesets", Map.of("name", "Cost", "type", "engagement", "primary", true,
                    "rules", List.of(Map.of("eventType", "page_view", "points", 5))), 201);
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(Map.of("leadId", leadIds.get(i % leadIds.size()), "type", "page_view"));
            }
            LocalFunction track = fns.get("TrackEventsFunction");
            // the steady state: each measured event is its lead's second, after a first (unmetered) put its standing,
            // score and last event in place, so the score and last-event keys move as they do for most events
            ApiEvents.invokeOk(track, event("POST", "/api/v2/events", "/api/v2/events", Map.of(), null, json(Map.of("events", events))));
            new QueueDrain(sqs, queue).into(fns.get("EventsWorker"), events.size());
            meter.reset();
            long start = System.nanoTime();
            ApiEvents.invokeOk(track, event("POST", "/api/v2/events", "/api/v2/events", Map.of(), null, json(Map.of("events", events))));
            double trackSeconds = (System.nanoTime() - start) / 1e9;
            QueueDrain.Drained worker = new QueueDrain(sqs, queue).into(fns.get("EventsWorker"), events.size());
            return perItem(Metering.take(meter, events.size()), track, trackSeconds, worker, Math.ceil(events.size() / 10.0));
        }

        /** An HTTP call that queues {@code items} messages, then the worker's batches, shared out per item. */
        private static Usage perItem(Metering m, LocalFunction front, double frontSeconds, QueueDrain.Drained worker,
                                     double sendRequests) {
            MeteredDynamo.Reading r = m.reading();
            int items = m.operations();
            double lambdaGbSeconds = frontSeconds * front.definition().memoryMb() / 1024.0
                    + worker.seconds() * worker.memoryMb() / 1024.0;
            // expressed at the worker's memory so the Usage keeps one memory size
            double seconds = lambdaGbSeconds * 1024.0 / worker.memoryMb() / items;
            double sqsRequests = (sendRequests + 2.0 * worker.batches()) / items;
            return new Usage(r.readUnits() / items, r.writeUnits() / items, seconds, worker.memoryMb(),
                    (1.0 + worker.batches()) / items, 1.0 / items, sqsRequests, m);
        }

        /**
         * The read units of the first page of 50 of {@code count} more tenants of {@code leads} leads each, every page
         * after one unmetered page of its tenant (which puts its key and shard count in the container's caches).
         */
        private List<Double> otherTenantsFirstPages(int count, int leads) {
            LocalFunction fn = fns.get("ListLeadsFunction");
            List<Double> units = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                Bench.Tenant other = Bench.newTenant(ctx.admin(), 1_000);
                for (int i = 0; i < leads; i++) {
                    other.api().require("POST", "/api/v2/leads", newLead(), 201);
                }
                Supplier<APIGatewayV2HTTPEvent> page = () -> ApiEvents.event("GET", "/api/v2/leads", "/api/v2/leads",
                        Map.of("limit", "50"), null, null, other.apiKey());
                ApiEvents.invokeOk(fn, page.get());
                meter.reset();
                ApiEvents.invokeOk(fn, page.get());
                units.add(meter.reset().readUnits());
            }
            return units;
        }

        private JsonNode create() {
            return tenant.api().require("POST", "/api/v2/leads", newLead(), 201);
        }

        private static Map<String, Object> newLead() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return Map.of("email", "cost-" + id + "@example.com", "firstName", "Cost", "lastName", "Lead " + id,
                    "company", "Acme", "status", "new", "tags", List.of("bench"));
        }

        private APIGatewayV2HTTPEvent event(String method, String route, String rawPath, Map<String, String> query,
                                           Map<String, String> pathParameters, String body) {
            return ApiEvents.event(method, route, rawPath, query, pathParameters, body, tenant.apiKey());
        }

        private static String json(Object body) {
            try {
                return Bench.JSON.writeValueAsString(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }
}
