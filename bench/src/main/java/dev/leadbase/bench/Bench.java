package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.leads.domain.ReadStats;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.LocalRuntime;
import dev.leadbase.local.Options;
import dev.leadbase.local.RunningRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The benchmark harness: {@code ./leadbase bench [--quick]}. Every figure is reported next to a limit or a
 * baseline measured in the same run, as a ratio, because absolute times drift on shared machines.
 *
 * <p>This slice covers function jar sizes, warm handler latency against the bare SDK, read amplification
 * and capacity per list page, and ledger exactness under contention; the {@link #SECTIONS} after them add the
 * cold start of each function jar.
 */
public final class Bench {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final long MB = 1024 * 1024;

    /** Sizes and switches of one run. A null runtime means: start (and stop) a local runtime of our own. */
    public record Config(String mode, int leads, int warmup, int iterations, int ledgerThreads, int ledgerSeconds,
                         long ledgerCredits, RunningRuntime runtime, String adminKey, Path resultsFile, Path repoRoot) {
        public static Config quick() {
            return new Config("quick", 500, 30, 150, 8, 10, 40, null, null, Path.of("bench/results/latest.json"), Path.of("."));
        }

        public static Config full() {
            return new Config("full", 10_000, 200, 1000, 32, 60, 400, null, null, Path.of("bench/results/latest.json"), Path.of("."));
        }

        /** The smallest sizes, for the smoke test: a few seconds. */
        public static Config tiny(RunningRuntime runtime, String adminKey) {
            return new Config("tiny", 120, 3, 10, 2, 2, 5, runtime, adminKey, null, Path.of("."));
        }

        public Config withResultsFile(Path file) {
            return new Config(mode, leads, warmup, iterations, ledgerThreads, ledgerSeconds, ledgerCredits, runtime,
                    adminKey, file, repoRoot);
        }

        /** A size by mode: the full run's, the quick run's, or the smoke test's. */
        public int pick(int full, int quick, int tiny) {
            return switch (mode) {
                case "full" -> full;
                case "quick" -> quick;
                default -> tiny;
            };
        }
    }

    /** One row of the table. Goal: "<= x" or ">= x" on the ratio, "== 0" on the figure, or "info". */
    public record Row(String name, double figure, String unit, Double baseline, Double ratio, String goal, Boolean met,
                      String note) {
    }

    public record Result(List<Row> rows, Map<String, Object> machine) {
        public Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** Names of every row a run produces, in order (the smoke test checks them). */
    public static List<String> expectedRows() {
        List<String> names = new ArrayList<>();
        for (String fn : List.of("admin", "leads", "enrichment", "scoring")) {
            names.add("jar size " + fn);
        }
        for (String c : LIST_CASES.keySet()) {
            names.add("warm p50 list " + c);
            names.add("warm p99 list " + c);
        }
        for (String c : List.of("get", "create", "patch")) {
            names.add("warm p50 " + c);
            names.add("warm p99 " + c);
        }
        for (String c : LIST_CASES.keySet()) {
            names.add("read amp list " + c);
            names.add("RCU per page list " + c);
        }
        names.add("deep page 20 items read (page vs cursor)");
        names.add("ledger requests");
        names.add("ledger 202s");
        names.add("ledger 402s");
        names.add("ledger max drift");
        names.add("ledger negative samples");
        for (Section section : SECTIONS) {
            names.addAll(section.rowNames());
        }
        return names;
    }

    /** The benchmark families that run after the seeded ones, in order. */
    static final List<Section> SECTIONS = List.of(new ColdStart(), new HttpConcurrency(), new Throughput(), new Cost());

    static final Map<String, Map<String, String>> LIST_CASES = new LinkedHashMap<>();

    static {
        LIST_CASES.put("no filter", Map.of("limit", "50"));
        LIST_CASES.put("status", Map.of("limit", "50", "status", "qualified"));
        LIST_CASES.put("createdAfter", Map.of("limit", "50", "createdAfter", "CREATED_AFTER"));
        LIST_CASES.put("search", Map.of("limit", "50", "search", "samantha"));
        LIST_CASES.put("sortBy score", Map.of("limit", "50", "sortBy", "score"));
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        boolean quick = arguments.contains("--quick");
        int only = arguments.indexOf("--only");
        Set<String> families = only < 0 || only + 1 >= args.length ? Set.of() : Set.of(args[only + 1].split(","));
        List<String> unknown = families.stream().filter(f -> !families().contains(f)).toList();
        if (!unknown.isEmpty()) {
            System.err.println("bench: unknown benchmark famil" + (unknown.size() == 1 ? "y " : "ies ") + unknown
                    + "; --only takes a comma-separated list of " + families());
            System.exit(2);
        }
        Result result = run(quick ? Config.quick() : Config.full(), families);
        long missed = result.rows().stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
        System.out.println(missed == 0 ? "All goals met." : missed + " goal(s) missed (see BENCHMARKS.md for why).");
        System.exit(0);
    }

    public static Result run(Config config) throws Exception {
        return run(config, Set.of());
    }

    /**
     * Runs the benchmark families named in {@code only} ({@link #families()}; empty: all of them). A partial run
     * writes {@code partial.json} beside {@code latest.json}, which keeps the last full run.
     */
    public static Result run(Config config, Set<String> only) throws Exception {
        Predicate<String> selected = family -> only.isEmpty() || only.contains(family);
        List<Row> rows = new ArrayList<>();
        boolean own = config.runtime() == null;
        String adminKey = own ? "lb_admin_" + KeyHasher.newId("bench") : config.adminKey();
        RunningRuntime runtime = own
                ? LocalRuntime.start(Options.defaults().withPort(0).withParameters(Map.of(
                        "BootstrapKeyHash", KeyHasher.sha256(adminKey), "KeyCacheTtlSeconds", "30")))
                : config.runtime();
        try {
            if (selected.test("sizes")) {
                jarSizes(config, rows);
            }
            Api admin = new Api(runtime.baseUrl(), adminKey);
            Tenant tenant = newTenant(admin, 1_000_000);
            boolean seeded = selected.test("latency") || selected.test("amplification")
                    || SECTIONS.stream().anyMatch(section -> section.readsSeededLeads() && selected.test(section.name()));
            int leads = seeded ? config.leads() : 0;
            log("seeding " + leads + " leads");
            Instant seedStart = Instant.now();
            seed(tenant, leads);
            Instant seedEnd = Instant.now();
            quiet(runtime, config);
            Instant createdAfter = seedStart.plus(Duration.between(seedStart, seedEnd).dividedBy(2));
            String createdAfterText = DateTimeFormatter.ISO_INSTANT.format(createdAfter.atOffset(ZoneOffset.UTC));
            if (selected.test("latency")) {
                Map<String, Map<String, String>> cases = new LinkedHashMap<>();
                LIST_CASES.forEach((name, params) -> {
                    Map<String, String> resolved = new LinkedHashMap<>(params);
                    resolved.replaceAll((k, v) -> v.equals("CREATED_AFTER") ? createdAfterText : v);
                    cases.put(name, resolved);
                });
                new Latency(runtime, tenant, config).run(cases, rows);
            }
            if (selected.test("amplification")) {
                readAmplification(runtime, tenant, createdAfterText, rows);
            }
            if (selected.test("ledger")) {
                ledger(runtime, admin, config, rows);
            }
            Section.Context context = new Section.Context(config, runtime, admin, tenant);
            for (Section section : SECTIONS) {
                if (selected.test(section.name())) {
                    quiet(runtime, config);
                    log(section.name());
                    section.run(context, rows);
                }
            }
        } finally {
            if (own) {
                runtime.close();
            }
        }
        Map<String, Object> machine = machine();
        print(config, rows, machine);
        if (config.resultsFile() != null) {
            write(only.isEmpty() ? config : config.withResultsFile(config.resultsFile().resolveSibling("partial.json")),
                    rows, machine);
        }
        return new Result(rows, machine);
    }

    /** Lets the pollers finish earlier work (the seeded leads' stream records, queued messages) before measuring. */
    static void quiet(RunningRuntime runtime, Config config) {
        Duration limit = Duration.ofSeconds(config.pick(120, 120, 10));
        if (!runtime.awaitQuiet(limit)) {
            log("background work still running after " + limit.toSeconds() + " s; measuring anyway");
        }
    }

    /** The names {@code --only} takes. */
    public static List<String> families() {
        List<String> names = new ArrayList<>(List.of("sizes", "latency", "amplification", "ledger"));
        SECTIONS.forEach(s -> names.add(s.name()));
        return names;
    }

    // ---------------------------------------------------------------- a. jar sizes

    static void jarSizes(Config config, List<Row> rows) throws IOException {
        for (String fn : List.of("admin", "leads", "enrichment", "scoring")) {
            Optional<Path> jar = functionJar(config, fn);
            long size = jar.isPresent() ? Files.size(jar.get()) : -1;
            String jarName = jar.map(j -> j.getFileName().toString()).orElse("missing");
            double mb = size < 0 ? Double.NaN : (double) size / MB;
            rows.add(new Row("jar size " + fn, mb, "MB", 12.0, mb / 12.0, "<= 1", size >= 0 && mb <= 12.0, jarName));
        }
    }

    /** The deployable (shaded) jar of a function group, once built. */
    static Optional<Path> functionJar(Config config, String fn) throws IOException {
        Path target = config.repoRoot().resolve("functions").resolve(fn).resolve("target");
        Path found = null;
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-lambda.jar")) {
                for (Path jar : jars) {
                    found = jar;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    // ---------------------------------------------------------------- seeding

    record Tenant(String tenantId, String apiKey, Api api) {
    }

    static Tenant newTenant(Api admin, long credits) {
        return newTenant(admin, Map.of("name", "bench", "credits", credits));
    }

    /** A fresh tenant allowed {@code enrichPerHourLimit} enriched leads an hour (the default is 100). */
    static Tenant newTenant(Api admin, long credits, long enrichPerHourLimit) {
        return newTenant(admin, Map.of("name", "bench", "credits", credits, "enrichPerHourLimit", enrichPerHourLimit));
    }

    private static Tenant newTenant(Api admin, Map<String, Object> tenant) {
        JsonNode t = admin.require("POST", "/api/v2/admin/tenants", tenant, 201);
        String tenantId = t.path("data").path("tenantId").asText();
        JsonNode k = admin.require("POST", "/api/v2/admin/tenants/" + tenantId + "/api-keys",
                Map.of("userId", "bench", "visibility", "tenant", "permissions",
                        List.of("leads:read", "leads:write", "leads:enrich", "scoring:read", "scoring:write", "events:write")), 201);
        String apiKey = k.path("data").path("apiKey").asText();
        return new Tenant(tenantId, apiKey, new Api(admin.baseUrl, apiKey));
    }

    static final String[] FIRST = {"Samantha", "Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Alan"};
    static final String[] COMPANY = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka"};

    static void seed(Tenant tenant, int n) {
        LeadStatus[] statuses = LeadStatus.values();
        for (int start = 0; start < n; start += 100) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 100); i++) {
                Map<String, Object> lead = new LinkedHashMap<>();
                lead.put("email", "lead" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@bench" + (i % 50) + ".example.com");
                lead.put("firstName", FIRST[i % FIRST.length]);
                lead.put("lastName", "Bench" + i);
                lead.put("company", COMPANY[i % COMPANY.length]);
                lead.put("status", statuses[i % statuses.length].name().toLowerCase(Locale.ROOT));
                batch.add(lead);
            }
            tenant.api().require("POST", "/api/v2/leads/batch", Map.of("leads", batch), -1);
        }
    }

    // ---------------------------------------------------------------- b. warm latency

    /** Invokes a function with an HTTP event and returns its response, which must be a 2xx. */
    static APIGatewayV2HTTPResponse invokeOk(LocalFunction fn, APIGatewayV2HTTPEvent event) {
        Object result = fn.invoke(event);
        if (!(result instanceof APIGatewayV2HTTPResponse r) || r.getStatusCode() / 100 != 2) {
            throw new IllegalStateException(fn.name() + " answered " + result);
        }
        return r;
    }

    static int status(Object result) {
        return result instanceof APIGatewayV2HTTPResponse r ? r.getStatusCode() : 200;
    }

    static double pct(long[] sortedNanos, double p) {
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1_000_000.0;
    }

    /** An API Gateway HTTP API payload 2.0 event, shaped like the local HTTP server's. */
    static APIGatewayV2HTTPEvent event(String method, String routePath, String rawPath, Map<String, String> query,
                                      Map<String, String> pathParameters, String body, String apiKey) {
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", apiKey);
        headers.put("host", "127.0.0.1");
        headers.put("user-agent", "leadbase-bench");
        headers.put("x-forwarded-for", "127.0.0.1");
        headers.put("x-forwarded-proto", "http");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(rawPath);
        event.setRawQueryString(raw.toString());
        event.setHeaders(headers);
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setPathParameters(pathParameters == null ? null : new LinkedHashMap<>(pathParameters));
        if (body != null) {
            event.setIsBase64Encoded(false);
            event.setBody(body);
        }
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("123456789012");
        context.setApiId("local");
        context.setDomainName("127.0.0.1");
        context.setDomainPrefix("127");
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey(method + " " + routePath);
        context.setStage("$default");
        context.setTimeEpoch(now.toEpochMilli());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        http.setUserAgent("leadbase-bench");
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    // ---------------------------------------------------------------- c. read amplification

    static void readAmplification(RunningRuntime runtime, Tenant tenant, String createdAfterText, List<Row> rows) {
        log("read amplification");
        DynamoDbClient dynamo = runtime.dynamo();
        DynamoLeadRepository repo = new DynamoLeadRepository(dynamo, runtime.tableName("LeadsTable"),
                runtime.tableName("LeadIndexTable"));
        CapacityProbe probe = new CapacityProbe(dynamo, runtime.tableName("LeadsTable"), tenant.tenantId());
        for (Map.Entry<String, Map<String, String>> c : LIST_CASES.entrySet()) {
            Map<String, String> params = new LinkedHashMap<>(c.getValue());
            params.replaceAll((k, v) -> v.equals("CREATED_AFTER") ? createdAfterText : v);
            LeadPage page = repo.list(query(tenant.tenantId(), params), null);
            ReadStats st = page.stats();
            int returned = page.leads().size();
            double amp = st.amplification(returned);
            String note = "index " + st.index() + ", scanned " + st.scanned() + ", returned " + returned
                    + ", total-count scanned " + st.countScanned() + (st.totalFromCounter() ? " (counter)" : "");
            rows.add(new Row("read amp list " + c.getKey(), amp, "scanned/returned", 1.5, amp / 1.5, "<= 1", amp <= 1.5, note));
            double rcu = probe.rcu(c.getKey(), params);
            rows.add(new Row("RCU per page list " + c.getKey(), rcu, "RCU", null, null, "info", null,
                    "ReturnConsumedCapacity TOTAL on the page's Query (bare, same index and Limit)"));
        }
        // deep page: page 20 by page=N (skips 19 pages of keys) vs by following cursors
        Map<String, String> params = Map.of("limit", "50", "page", "20");
        LeadPage byPage = repo.list(query(tenant.tenantId(), params), null);
        long byPageRead = byPage.stats().scanned() + byPage.stats().skipped();
        LeadPage cursor = repo.list(query(tenant.tenantId(), Map.of("limit", "50")), null);
        int pageNo = 1;
        while (pageNo < 20 && cursor.nextPosition() != null) {
            cursor = repo.list(query(tenant.tenantId(), Map.of("limit", "50")), cursor.nextPosition());
            pageNo++;
        }
        long byCursorRead = cursor.stats().scanned() + cursor.stats().skipped();
        double ratio = byCursorRead == 0 ? Double.NaN : (double) byPageRead / byCursorRead;
        rows.add(new Row("deep page 20 items read (page vs cursor)", byPageRead, "items", (double) byCursorRead, ratio,
                "info", null, "reached page " + pageNo + " by cursor; page=20 read " + byPage.leads().size() + " leads"
                + " (keys-only skip of " + byPage.stats().skipped() + ")"));
    }

    static ListLeadsQuery query(String tenantId, Map<String, String> params) {
        return ListLeadsParams.parse(tenantId, null, new QueryParams(params), Instant.now());
    }

    record CapacityProbe(DynamoDbClient dynamo, String leads, String tenantId) {
        double rcu(String name, Map<String, String> params) {
            QueryRequest.Builder b = QueryRequest.builder().tableName(leads).limit(50).scanIndexForward(false)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            switch (name) {
                case "status" -> b.indexName("ByStatus").keyConditionExpression("statusPk = :p")
                        .expressionAttributeValues(Map.of(":p", s(LeadKeys.statusPk(tenantId, "qualified"))));
                case "createdAfter" -> b.indexName("ByCreated").keyConditionExpression("tenantId = :t AND createdKey >= :lo")
                        .expressionAttributeValues(Map.of(":t", s(tenantId), ":lo",
                                s(LeadKeys.time(Instant.parse(params.get("createdAfter"))))));
                case "sortBy score" -> b.indexName("ByScore").keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", s(tenantId)));
                default -> b.indexName("ByCreated").keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", s(tenantId)));
            }
            QueryResponse r = dynamo.query(b.build());
            return r.consumedCapacity() == null || r.consumedCapacity().capacityUnits() == null
                    ? Double.NaN : r.consumedCapacity().capacityUnits();
        }
    }

    // ---------------------------------------------------------------- d. ledger exactness

    static void ledger(RunningRuntime runtime, Api admin, Config config, List<Row> rows) throws Exception {
        log("ledger: " + config.ledgerThreads() + " submitters for " + config.ledgerSeconds() + " s");
        // the hourly enrichment limit (100 by default) must not stop the submitters before the balance does
        Tenant tenant = newTenant(admin, config.ledgerCredits(), 1_000_000);
        DynamoDbClient dynamo = runtime.dynamo();
        String tenants = runtime.tableName("TenantsTable");
        AtomicLong requests = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        AtomicLong negatives = new AtomicLong();
        AtomicLong maxDrift = new AtomicLong();
        AtomicLong firstRefusalMs = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(config.ledgerSeconds());
        String body = "{\"leads\":[{\"email\":\"john@techcorp.com\",\"firstName\":\"John\",\"lastName\":\"Doe\"}],"
                + "\"enrichmentOptions\":{\"includePersonalInfo\":true,\"includeCompanyInfo\":true,\"includeContactInfo\":true}}";
        ExecutorService pool = Executors.newFixedThreadPool(config.ledgerThreads() + 1);
        pool.submit(() -> {
            while (!stop.get()) {
                Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tenants)
                        .key(Map.of(DynamoTenantRepository.PK, s(tenant.tenantId()))).consistentRead(true).build()).item();
                long rem = n(item, DynamoTenantRepository.REMAINING);
                long res = n(item, DynamoTenantRepository.RESERVED);
                long used = n(item, DynamoTenantRepository.USED);
                long granted = n(item, DynamoTenantRepository.GRANTED);
                long drift = Math.abs(rem + res + used - granted);
                maxDrift.accumulateAndGet(drift, Math::max);
                if (rem < 0 || res < 0 || used < 0) {
                    negatives.incrementAndGet();
                }
                samples.incrementAndGet();
                sleep(10);
            }
            return null;
        });
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < config.ledgerThreads(); i++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int status = tenant.api().status("POST", "/api/v2/enrich", body);
                    requests.incrementAndGet();
                    if (status == 202) {
                        accepted.incrementAndGet();
                    } else if (status == 402) {
                        refused.incrementAndGet();
                        firstRefusalMs.compareAndSet(-1, (System.nanoTime() - started) / 1_000_000);
                    } else if (status == 429) {
                        throttled.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (var w : workers) {
            w.get();
        }
        sleep(300); // let in-flight settlements land, keep sampling meanwhile
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        String note = config.ledgerThreads() + " threads, " + config.ledgerSeconds() + " s, granted "
                + config.ledgerCredits() + ", balance ran out at " + (firstRefusalMs.get() < 0 ? "never" : firstRefusalMs.get() + " ms")
                + ", 429s (tenant rate limit) " + throttled.get() + ", other statuses " + other.get();
        rows.add(new Row("ledger requests", requests.get(), "requests", null, null, "info", null, note));
        rows.add(new Row("ledger 202s", accepted.get(), "requests", (double) config.ledgerCredits(),
                (double) accepted.get() / config.ledgerCredits(), "<= 1", accepted.get() <= config.ledgerCredits(),
                "1 credit per 1-lead job: 202s can never exceed the grant"));
        rows.add(new Row("ledger 402s", refused.get(), "requests", null, null, "> 0", refused.get() > 0,
                "the balance must run out midway"));
        rows.add(new Row("ledger max drift", maxDrift.get(), "credits", 0.0, null, "== 0", maxDrift.get() == 0,
                samples.get() + " samples of remaining+reserved+used vs granted"));
        rows.add(new Row("ledger negative samples", negatives.get(), "samples", 0.0, null, "== 0", negatives.get() == 0,
                "samples with a negative remaining, reserved or used"));
    }

    static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    // ---------------------------------------------------------------- output

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        m.put("memoryBytes", memory);
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("at", Instant.now().toString());
        return m;
    }

    static void print(Config config, List<Row> rows, Map<String, Object> machine) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nLeadbase benchmarks (%s) — %s cores, %d MB RAM, JDK %s%n", config.mode(), machine.get("cores"),
                ((Number) machine.get("memoryBytes")).longValue() / MB, Runtime.version()));
        String fmt = "%-44s %12s %-16s %12s %9s %-8s %-4s%n";
        out.append(String.format(fmt, "benchmark", "figure", "unit", "limit/base", "ratio", "goal", "met"));
        for (Row r : rows) {
            out.append(String.format(fmt, r.name(), num(r.figure()), r.unit(), r.baseline() == null ? "-" : num(r.baseline()),
                    r.ratio() == null ? "-" : num(r.ratio()), r.goal(), r.met() == null ? "-" : r.met() ? "yes" : "NO"));
        }
        System.out.print(out);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static void write(Config config, List<Row> rows, Map<String, Object> machine) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("mode", config.mode());
        root.set("machine", JSON.valueToTree(machine));
        ObjectNode sizes = root.putObject("sizes");
        sizes.put("leads", config.leads());
        sizes.put("iterations", config.iterations());
        sizes.put("ledgerThreads", config.ledgerThreads());
        sizes.put("ledgerSeconds", config.ledgerSeconds());
        ArrayNode array = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = array.addObject();
            o.put("name", r.name());
            putNum(o, "figure", r.figure());
            o.put("unit", r.unit());
            if (r.baseline() != null) {
                putNum(o, "baseline", r.baseline());
            }
            if (r.ratio() != null) {
                putNum(o, "ratio", r.ratio());
            }
            o.put("goal", r.goal());
            if (r.met() != null) {
                o.put("met", r.met());
            }
            o.put("note", r.note());
        }
        Path file = config.repoRoot().resolve(config.resultsFile());
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), root);
        System.out.println("wrote " + file);
    }

    static void putNum(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    // ---------------------------------------------------------------- helpers

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String message) {
        System.err.println("bench: " + message);
    }

    /** A tiny JSON-over-HTTP client holding one API key. */
    static final class Api {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final String baseUrl;
        final String apiKey;

        Api(String baseUrl, String apiKey) {
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
        }

        HttpResponse<String> send(String method, String path, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                    .header("x-api-key", apiKey);
            if (body != null) {
                b.header("content-type", "application/json");
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        int status(String method, String path, String body) {
            return send(method, path, body).statusCode();
        }

        /** Sends and requires {@code expected} (any 2xx when -1); returns the JSON body. */
        JsonNode require(String method, String path, Object body, int expected) {
            try {
                HttpResponse<String> r = send(method, path, body == null ? null : JSON.writeValueAsString(body));
                boolean ok = expected < 0 ? r.statusCode() / 100 == 2 : r.statusCode() == expected;
                if (!ok) {
                    throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
                }
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
