package dev.leadbase.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;

/**
 * Warm latency and throughput of reads through the local runtime's HTTP server, at concurrency 1 and 8, with the
 * seeded tenant. At concurrency 1 each request is followed by the same call to the handler in-process, so the c1
 * latencies sit next to a baseline measured in the same moments (the ratio is what the HTTP hop adds); the c8
 * figures sit next to c1 (what contention adds, and how throughput scales). All are "info": no goal is set for them.
 */
final class HttpConcurrency implements Section {
    private static final int MOST = 8;
    private static final List<String> TARGETS = List.of("list", "get");

    /** One route as called over HTTP and as invoked in-process. */
    private record Target(String name, String path, Callable<Integer> overHttp, Callable<Integer> inProcess) {
    }

    /** One timed call: sorted latencies, the seconds they took together, and answers other than 200. */
    private record Run(long[] sortedNanos, double seconds, int errors) {
        double p(double percentile) {
            return Bench.pct(sortedNanos, percentile);
        }

        double throughput() {
            return sortedNanos.length / seconds;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public boolean readsSeededLeads() {
        return true;
    }

    @Override
    public List<String> rowNames() {
        List<String> names = new ArrayList<>();
        for (String target : TARGETS) {
            names.addAll(Section.each(List.of(target + " c1", target + " c" + MOST), "http p50 %s", "http p99 %s"));
            names.add("http throughput " + target + " c" + MOST);
        }
        return names;
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) throws Exception {
        Bench.Config config = context.config();
        int requests = config.pick(2000, 300, 20);
        int warmup = config.pick(200, 50, 5);
        for (Target target : targets(context)) {
            Bench.log("http " + target.name() + ": " + requests + " requests at c1 and c" + MOST);
            measure(MOST, warmup, List.of(target.overHttp(), target.inProcess()));
            List<Run> c1 = measure(1, requests, List.of(target.overHttp(), target.inProcess()));
            Run http1 = c1.get(0);
            Run handler = c1.get(1);
            Run http8 = measure(MOST, requests, List.of(target.overHttp())).getFirst();
            String note = "GET " + target.path() + ", " + requests + " requests per mode after " + warmup + " warm-up,"
                    + " java.net.http client, HTTP/1.1 keep-alive";
            String vsHandler = note + "; baseline: the handler invoked in-process right after each request"
                    + errors(http1, handler);
            String vsC1 = note + "; baseline: the same at concurrency 1" + errors(http8);
            String t = target.name();
            rows.add(info("http p50 " + t + " c1", http1.p(0.50), "ms", handler.p(0.50), vsHandler));
            rows.add(info("http p99 " + t + " c1", http1.p(0.99), "ms", handler.p(0.99), vsHandler));
            rows.add(info("http p50 " + t + " c" + MOST, http8.p(0.50), "ms", http1.p(0.50), vsC1));
            rows.add(info("http p99 " + t + " c" + MOST, http8.p(0.99), "ms", http1.p(0.99), vsC1));
            rows.add(info("http throughput " + t + " c" + MOST, http8.throughput(), "req/s", http1.throughput(),
                    vsC1 + String.format(Locale.ROOT, " (1 / mean latency); %d cores, client and server in one JVM",
                            Runtime.getRuntime().availableProcessors())));
        }
    }

    private List<Target> targets(Context context) {
        Bench.Tenant tenant = context.tenant();
        String leadId = tenant.api().require("GET", "/api/v2/leads?limit=1", null, 200).path("data").path("leads")
                .get(0).path("id").asText();
        Target list = target(context, "list", "ListLeadsFunction", "/api/v2/leads", "/api/v2/leads",
                Map.of("limit", "50"), null);
        Target get = target(context, "get", "GetLeadFunction", "/api/v2/leads/{id}", "/api/v2/leads/" + leadId,
                Map.of(), Map.of("id", leadId));
        return List.of(list, get);
    }

    private Target target(Context context, String name, String function, String routePath, String rawPath,
                          Map<String, String> query, Map<String, String> pathParameters) {
        StringBuilder path = new StringBuilder(rawPath);
        query.forEach((k, v) -> path.append(path.indexOf("?") < 0 ? '?' : '&').append(ApiEvents.enc(k)).append('=').append(ApiEvents.enc(v)));
        String apiKey = context.tenant().apiKey();
        HttpRequest request = HttpRequest.newBuilder(URI.create(context.runtime().baseUrl() + path))
                .header("x-api-key", apiKey).timeout(Duration.ofSeconds(30)).GET().build();
        Callable<Integer> overHttp = () -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        Callable<Integer> inProcess = () -> ApiEvents.status(context.runtime().function(function)
                .invoke(ApiEvents.event("GET", routePath, rawPath, query, pathParameters, null, apiKey)));
        return new Target(name, path.toString(), overHttp, inProcess);
    }

    /**
     * Runs the calls in turn, {@code requests} times over, from {@code concurrency} threads, timing each call alone.
     * With one call a run's seconds are the wall time; with several, each call's own summed time.
     */
    private static List<Run> measure(int concurrency, int requests, List<Callable<Integer>> calls) throws Exception {
        long[][] nanos = new long[calls.size()][requests];
        AtomicIntegerArray errors = new AtomicIntegerArray(calls.size());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        for (int k = 0; k < calls.size(); k++) {
                            long t0 = System.nanoTime();
                            int status = calls.get(k).call();
                            nanos[k][i] = System.nanoTime() - t0;
                            if (status != 200) {
                                errors.incrementAndGet(k);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<Run> runs = new ArrayList<>();
            for (int k = 0; k < calls.size(); k++) {
                double seconds = calls.size() == 1 ? wall : LongStream.of(nanos[k]).sum() / 1e9 / concurrency;
                Arrays.sort(nanos[k]);
                runs.add(new Run(nanos[k], seconds, errors.get(k)));
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Bench.Row info(String name, double figure, String unit, double baseline, String note) {
        return new Bench.Row(name, figure, unit, baseline, figure / baseline, "info", null, note);
    }

    private static String errors(Run... runs) {
        int errors = Arrays.stream(runs).mapToInt(Run::errors).sum();
        return errors == 0 ? "" : "; " + errors + " answers other than 200";
    }
}
