package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.RunningRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * Warm latency: in-process handler invocations with real API Gateway v2 events against the bare SDK sending the
 * DynamoDB requests the same handler made for the same call (recorded through a second container of the function
 * over a recording client, then replayed). Handler and replay run interleaved, so drift hits both alike; the ratio
 * is what the handler adds: authentication, parsing, validation, mapping and JSON.
 */
final class Latency implements Section {

    @Override
    public boolean readsSeededLeads() {
        return true;
    }

    @Override
    public List<String> rowNames() {
        List<String> names = Section.each(ListCases.names(), "warm p50 list %s", "warm p99 list %s");
        names.addAll(Section.each(List.of("get", "create", "patch"), "warm p50 %s", "warm p99 %s"));
        return names;
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) {
        new Run(context).run(ListCases.resolved(context.createdAfter()), rows);
    }

    /** One measurement: the runtime's containers, and second containers over a recording client. */
    private static final class Run {
        private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
        private static final SecureRandom RANDOM = new SecureRandom();

        private final RunningRuntime runtime;
        private final Bench.Tenant tenant;
        private final Bench.Config config;
        private final DynamoDbClient dynamo;
        private final MeteredDynamo recorder;
        private final Map<String, LocalFunction> recording = new HashMap<>();

        Run(Section.Context context) {
            this.runtime = context.runtime();
            this.tenant = context.tenant();
            this.config = context.config();
            this.dynamo = runtime.dynamo();
            this.recorder = MeteredDynamo.around(dynamo);
        }

        void run(Map<String, Map<String, String>> listCases, List<Bench.Row> rows) {
            for (String id : List.of("ListLeadsFunction", "GetLeadFunction", "CreateLeadFunction", "UpdateLeadFunction")) {
                recording.put(id, runtime.function(id).over(recorder.client(), Map.of()));
            }
            for (Map.Entry<String, Map<String, String>> c : listCases.entrySet()) {
                Supplier<APIGatewayV2HTTPEvent> list = () -> event("GET", "/api/v2/leads", "/api/v2/leads", c.getValue(), null, null);
                Replay replay = record("ListLeadsFunction", list).replay();
                compare("list " + c.getKey(), "ListLeadsFunction", list, () -> replay, replay, rows);
            }
            String leadId = body(ApiEvents.invokeOk(runtime.function("ListLeadsFunction"),
                    event("GET", "/api/v2/leads", "/api/v2/leads", Map.of("limit", "1"), null, null))).path("data").path("leads").get(0).path("id").asText();
            Supplier<APIGatewayV2HTTPEvent> get = () -> event("GET", "/api/v2/leads/{id}", "/api/v2/leads/" + leadId, Map.of(),
                    Map.of("id", leadId), null);
            Replay getReplay = record("GetLeadFunction", get).replay();
            compare("get", "GetLeadFunction", get, () -> getReplay, getReplay, rows);

            // create: the recorded request carries a token and a lead id; each replay swaps both for fresh ones
            String token = fresh(8);
            Recorded created = record("CreateLeadFunction", createEvent(fresh(8)), createEvent(token));
            String createdId = body(created.response()).path("data").path("id").asText();
            compare("create", "CreateLeadFunction", () -> createEvent(fresh(8)),
                    () -> created.replay().with(Map.of(token, fresh(8), createdId, createdId.substring(0, 5) + fresh(createdId.length() - 5))),
                    created.replay(), rows);

            // patch: the title alternates between two values on both sides, so every patch really moves search entries;
            // each replay first puts back, untimed, the copy of the lead its recorded patch started from
            String table = runtime.tableName("LeadItemsTable");
            Map<String, AttributeValue> key = Map.of("tenantId", Bench.s(tenant.tenantId()), "leadId", Bench.s(leadId));
            String[] titles = {"Engineer Alpha", "Engineer Bravo"};
            Function<Integer, APIGatewayV2HTTPEvent> patch = i -> event("PATCH", "/api/v2/leads/{id}", "/api/v2/leads/" + leadId,
                    Map.of(), Map.of("id", leadId), "{\"title\":\"" + titles[i % 2] + "\"}");
            LocalFunction updater = recording.get("UpdateLeadFunction");
            ApiEvents.invokeOk(updater, patch.apply(1));
            String target = leadId.substring(0, 5) + fresh(leadId.length() - 5);
            List<Map<String, AttributeValue>> starts = new ArrayList<>();
            List<Replay> patches = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Map<String, AttributeValue> start = new HashMap<>(dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item());
                start.put("leadId", Bench.s(target));
                starts.add(start);
                recorder.takeRequests();
                patches.add(new Replay(requestsOf(updater, patch.apply(i))));
            }
            List<Replay> onTarget = patches.stream().map(r -> r.with(Map.of(leadId, target))).toList();
            AtomicLong handlerTurn = new AtomicLong();
            AtomicLong bareTurn = new AtomicLong();
            compare("patch", "UpdateLeadFunction", () -> patch.apply((int) (handlerTurn.getAndIncrement() % 2)), () -> {
                int i = (int) (bareTurn.getAndIncrement() % 2);
                dynamo.putItem(p -> p.tableName(table).item(starts.get(i)));
                return onTarget.get(i);
            }, patches.getFirst(), rows);
        }

        /** One invocation's response and the requests it made. */
        private record Recorded(APIGatewayV2HTTPResponse response, Replay replay) {
        }

        /** Invokes the recording container twice (the first warms its key cache) and keeps the second call's requests. */
        private Recorded record(String function, Supplier<APIGatewayV2HTTPEvent> event) {
            return record(function, event.get(), event.get());
        }

        private Recorded record(String function, APIGatewayV2HTTPEvent warm, APIGatewayV2HTTPEvent recorded) {
            LocalFunction fn = recording.get(function);
            ApiEvents.invokeOk(fn, warm);
            recorder.takeRequests();
            APIGatewayV2HTTPResponse response = ApiEvents.invokeOk(fn, recorded);
            return new Recorded(response, new Replay(recorder.takeRequests()));
        }

        /** The requests one invocation of the recording container {@code fn} makes. */
        private List<DynamoDbRequest> requestsOf(LocalFunction fn, APIGatewayV2HTTPEvent event) {
            ApiEvents.invokeOk(fn, event);
            return recorder.takeRequests();
        }

        /**
         * Measures the runtime's own container against the replay {@code prepare} returns (its preparation untimed),
         * interleaved, after warm-up.
         */
        private void compare(String name, String function, Supplier<APIGatewayV2HTTPEvent> event, Supplier<Replay> prepare,
                             Replay shown, List<Bench.Row> rows) {
            Bench.log("latency " + name);
            LocalFunction fn = runtime.function(function);
            for (int i = 0; i < config.warmup(); i++) {
                ApiEvents.invokeOk(fn, event.get());
                prepare.get().run(dynamo);
            }
            long[] h = new long[config.iterations()];
            long[] b = new long[config.iterations()];
            for (int i = 0; i < config.iterations(); i++) {
                APIGatewayV2HTTPEvent e = event.get();
                long t0 = System.nanoTime();
                ApiEvents.invokeOk(fn, e);
                h[i] = System.nanoTime() - t0;
                Replay replay = prepare.get();
                long t1 = System.nanoTime();
                replay.run(dynamo);
                b[i] = System.nanoTime() - t1;
            }
            Arrays.sort(h);
            Arrays.sort(b);
            String note = "baseline replays the handler's calls: " + shown.describe();
            double h50 = Bench.pct(h, 0.50);
            double b50 = Bench.pct(b, 0.50);
            double h99 = Bench.pct(h, 0.99);
            double b99 = Bench.pct(b, 0.99);
            rows.add(new Bench.Row("warm p50 " + name, h50, "ms", b50, h50 / b50, "<= 1.15", h50 / b50 <= 1.15, note));
            rows.add(new Bench.Row("warm p99 " + name, h99, "ms", b99, h99 / b99, "info", null, note));
        }

        private APIGatewayV2HTTPEvent createEvent(String token) {
            return event("POST", "/api/v2/leads", "/api/v2/leads", Map.of(), null, "{\"email\":\"new-" + token
                    + "@create.example.com\",\"firstName\":\"Created\",\"lastName\":\"Lead\",\"company\":\"Acme\"}");
        }

        private APIGatewayV2HTTPEvent event(String method, String route, String rawPath, Map<String, String> query,
                                            Map<String, String> pathParameters, String body) {
            return ApiEvents.event(method, route, rawPath, new LinkedHashMap<>(query), pathParameters, body, tenant.apiKey());
        }

        private static JsonNode body(APIGatewayV2HTTPResponse response) {
            try {
                return Bench.JSON.readTree(response.getBody());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String fresh(int length) {
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
            }
            return out.toString();
        }
    }
}
