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
    static final List<String> CASES = List.of("list", "get", "create", "enrichment lead", "event");

    @Override
    public List<String> rowNames() {
        return Section.each(CASES, "read units per %s", "write units per %s", "USD per million %s");
    }

    @Override
    public void run(Context ctx, List<Bench.Row> rows) throws Exception {
        RunningRuntime runtime = ctx.runtime();
        SqsClient sqs = runtime.sqs();
        String enrichQueue = sqs.createQueue(q -> q.queueName("bench-cost-enrichment-" + UUID.randomUUID())).queueUrl();
        String eventsQueue = sqs.createQueue(q -> q.queueName("bench-cost-events-" + UUID.randomUUID())).queueUrl();
        MeteredDynamo meter = MeteredDynamo.around(runtime.dynamo());
        Map<String, LocalFunction> fns = new LinkedHashMap<>();
        for (String id : List.of("ListLeadsFunction", "GetLeadFunction", "CreateLeadFunction", "SearchIndexer",
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

    /** One pass over the five operations with the metered containers. */
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
            add(rows, "list", http("ListLeadsFunction", () -> event("GET", "/api/v2/leads", "/api/v2/leads",
                    Map.of("limit", "50"), null, null)), "GET /api/v2/leads?limit=50 over " + ids.size() + " leads");
            add(rows, "get", http("GetLeadFunction", () -> event("GET", "/api/v2/leads/{id}", "/api/v2/leads/" + leadId,
                    Map.of(), Map.of("id", leadId), null)), "GET /api/v2/leads/{id}");
            add(rows, "create", createWithStream(), "POST /api/v2/leads, plus the Leads stream consumers on its INSERT"
                    + " record (SearchIndexer's check of the search entries, ProfileScorer), " + repeats + " records a batch");
            int jobSize = ctx.config().pick(50, 50, 10);
            add(rows, "enrichment lead", enrichment(enrichQueue, jobSize), "one job of " + jobSize
                    + " leads: submit + worker batches of 10, divided by the leads; offline providers");
            add(rows, "event", events(eventsQueue, ids), "POST /api/v2/events of 50 + worker batches of 10, per event");
        }

        private static void add(List<Bench.Row> rows, String name, Usage u, String what) {
            String note = String.format(Locale.ROOT, "%s; DynamoDB $%.3f + Lambda $%.3f (%.1f ms at %d MB, %.2f invocations)"
                            + " + API Gateway/SQS $%.3f per million; prices: on-demand $0.125/M read, $0.625/M write units;"
                            + " Lambda arm64 $0.0000133334/GB-s + $0.20/M requests; HTTP API $1.00/M; SQS $0.40/M requests",
                    what, u.dynamoUsd() * 1e6, u.lambdaUsd() * 1e6, u.lambdaSeconds() * 1000, u.memoryMb(),
                    u.lambdaRequests(), u.otherUsd() * 1e6);
            String units = what + "; by table/index: " + u.byTarget();
            rows.add(new Bench.Row("read units per " + name, u.readUnits(), "RRU", null, null, "info", null, units));
            rows.add(new Bench.Row("write units per " + name, u.writeUnits(), "WRU", null, null, "info", null, units));
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
            MeteredDynamo.Reading r = meter.reset();
            return new Usage(r.readUnits() / repeats, r.writeUnits() / repeats, median(seconds),
                    fn.definition().memoryMb(), 1, 1, 0, byTarget(r, repeats));
        }

        /**
         * {@code repeats} creates, then the two Leads stream consumers on their INSERT records in one batch each, as
         * the stream would deliver them; the mean per create.
         */
        private Usage createWithStream() {
            LocalFunction create = fns.get("CreateLeadFunction");
            List<LocalFunction> consumers = List.of(fns.get("SearchIndexer"), fns.get("ProfileScorer"));
            Supplier<APIGatewayV2HTTPEvent> request = () -> event("POST", "/api/v2/leads", "/api/v2/leads", Map.of(), null,
                    json(newLead()));
            DynamodbEvent warmUp = inserts(List.of(createdId(ApiEvents.invokeOk(create, request.get()))));
            consumers.forEach(c -> c.invoke(warmUp));
            meter.reset();
            List<String> ids = new ArrayList<>();
            double seconds = 0;
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                ids.add(createdId(ApiEvents.invokeOk(create, request.get())));
                seconds += (System.nanoTime() - start) / 1e9;
            }
            DynamodbEvent records = inserts(ids);
            for (LocalFunction consumer : consumers) {
                long start = System.nanoTime();
                Object response = consumer.invoke(records);
                seconds += (System.nanoTime() - start) / 1e9;
                if (response instanceof StreamsEventResponse r && !r.getBatchItemFailures().isEmpty()) {
                    throw new IllegalStateException(consumer.name() + " reported failures: " + response);
                }
            }
            MeteredDynamo.Reading r = meter.reset();
            return new Usage(r.readUnits() / repeats, r.writeUnits() / repeats, seconds / repeats,
                    create.definition().memoryMb(), 1 + (double) consumers.size() / repeats, 1, 0, byTarget(r, repeats));
        }

        private static String createdId(APIGatewayV2HTTPResponse response) {
            try {
                return Bench.JSON.readTree(response.getBody()).path("data").path("id").asText();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The INSERT records of these leads, their new images read back from the table (unmetered). */
        private DynamodbEvent inserts(List<String> leadIds) {
            String table = ctx.runtime().tableName("LeadItemsTable");
            List<Record> records = new ArrayList<>();
            for (String leadId : leadIds) {
                Map<String, AttributeValue> key = Map.of("tenantId", AttributeValue.fromS(tenant.tenantId()),
                        "leadId", AttributeValue.fromS(leadId));
                Map<String, AttributeValue> item = ctx.runtime().dynamo().getItem(g -> g.tableName(table).key(key)
                        .consistentRead(true)).item();
                records.add(Record.builder().eventID(UUID.randomUUID().toString()).eventName(OperationType.INSERT)
                        .dynamodb(StreamRecord.builder().keys(key).newImage(item).sequenceNumber(String.valueOf(records.size() + 1))
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()).build());
            }
            return StreamPoller.toEvent(records, "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/bench");
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
            MeteredDynamo.Reading r = meter.reset();
            double sendRequests = Math.ceil(leads / 10.0);
            return perItem(r, submit, submitSeconds, worker, leads, sendRequests);
        }

        private Usage events(String queue, List<String> leadIds) {
            ApiClient api = tenant.api();
            api.require("POST", "/api/v2/scoring/rulesets", Map.of("name", "Cost", "type", "engagement", "primary", true,
                    "rules", List.of(Map.of("eventType", "page_view", "points", 5))), 201);
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(Map.of("leadId", leadIds.get(i % leadIds.size()), "type", "page_view"));
            }
            meter.reset();
            LocalFunction track = fns.get("TrackEventsFunction");
            long start = System.nanoTime();
            ApiEvents.invokeOk(track, event("POST", "/api/v2/events", "/api/v2/events", Map.of(), null, json(Map.of("events", events))));
            double trackSeconds = (System.nanoTime() - start) / 1e9;
            QueueDrain.Drained worker = new QueueDrain(sqs, queue).into(fns.get("EventsWorker"), events.size());
            MeteredDynamo.Reading r = meter.reset();
            return perItem(r, track, trackSeconds, worker, events.size(), Math.ceil(events.size() / 10.0));
        }

        /** An HTTP call that queues {@code items} messages, then the worker's batches, shared out per item. */
        private static Usage perItem(MeteredDynamo.Reading r, LocalFunction front, double frontSeconds, QueueDrain.Drained worker,
                                     int items, double sendRequests) {
            double lambdaGbSeconds = frontSeconds * front.definition().memoryMb() / 1024.0
                    + worker.seconds() * worker.memoryMb() / 1024.0;
            // expressed at the worker's memory so the Usage keeps one memory size
            double seconds = lambdaGbSeconds * 1024.0 / worker.memoryMb() / items;
            double sqsRequests = (sendRequests + 2.0 * worker.batches()) / items;
            return new Usage(r.readUnits() / items, r.writeUnits() / items, seconds, worker.memoryMb(),
                    (1.0 + worker.batches()) / items, 1.0 / items, sqsRequests, byTarget(r, items));
        }

        /** Units per operation by table and index, the largest first (table names without their stack prefix). */
        private static String byTarget(MeteredDynamo.Reading r, int operations) {
            StringBuilder out = new StringBuilder();
            r.byTarget().forEach((target, units) -> out.append(out.isEmpty() ? "" : ", ")
                    .append(target.replaceFirst("^.*?-", "")).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", units / operations)));
            return out.toString();
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
