package dev.leadbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.local.LocalRuntime;
import dev.leadbase.local.Options;
import dev.leadbase.local.RunningRuntime;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The benchmark harness: {@code ./leadbase bench [--quick]}. Every figure is reported next to a limit or a
 * baseline measured in the same run, as a ratio, because absolute times drift on shared machines.
 *
 * <p>It starts a local runtime (or uses the one it is given), seeds a tenant with leads, runs each {@link Section}
 * in {@link #SECTIONS} order and reports their rows ({@link Report}).
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
    /** The benchmark families, in the order they run and report. */
    static final List<Section> SECTIONS = List.of(new Sizes(), new Latency(), new Amplification(), new Ledger(),
            new ColdStart(), new HttpConcurrency(), new Throughput(), new Cost(), new WebhooksBench());

    /** Names of every row a run produces, in order (the smoke test checks them). */
    public static List<String> expectedRows() {
        List<String> names = new ArrayList<>();
        for (Section section : SECTIONS) {
            names.addAll(section.rowNames());
        }
        return names;
    }

    /** The names {@code --only} takes. */
    public static List<String> families() {
        return SECTIONS.stream().map(Section::name).toList();
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
        Predicate<Section> selected = section -> only.isEmpty() || only.contains(section.name());
        List<Row> rows = new ArrayList<>();
        boolean own = config.runtime() == null;
        String adminKey = own ? "lb_admin_" + KeyHasher.newId("bench") : config.adminKey();
        RunningRuntime runtime = own
                ? LocalRuntime.start(Options.defaults().withPort(0).withParameters(Map.of(
                        "BootstrapKeyHash", KeyHasher.sha256(adminKey), "KeyCacheTtlSeconds", "30")))
                : config.runtime();
        try {
            ApiClient admin = new ApiClient(runtime.baseUrl(), adminKey);
            Tenant tenant = newTenant(admin, 1_000_000);
            boolean seeded = SECTIONS.stream().anyMatch(section -> section.readsSeededLeads() && selected.test(section));
            int leads = seeded ? config.leads() : 0;
            log("seeding " + leads + " leads");
            Instant seedStart = Instant.now();
            seed(tenant, leads);
            Instant createdAfter = seedStart.plus(Duration.between(seedStart, Instant.now()).dividedBy(2));
            Section.Context context = new Section.Context(config, runtime, admin, tenant,
                    DateTimeFormatter.ISO_INSTANT.format(createdAfter.atOffset(ZoneOffset.UTC)));
            for (Section section : SECTIONS) {
                if (selected.test(section)) {
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
        Map<String, Object> machine = Report.machine();
        Report.print(config, rows, machine);
        if (config.resultsFile() != null) {
            Report.write(only.isEmpty() ? config : config.withResultsFile(config.resultsFile().resolveSibling("partial.json")),
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

    // ---------------------------------------------------------------- the seeded tenant

    record Tenant(String tenantId, String apiKey, ApiClient api) {
    }

    static Tenant newTenant(ApiClient admin, long credits) {
        return newTenant(admin, Map.of("name", "bench", "credits", credits));
    }

    /** A fresh tenant allowed {@code enrichPerHourLimit} enriched leads an hour (the default is 100). */
    static Tenant newTenant(ApiClient admin, long credits, long enrichPerHourLimit) {
        return newTenant(admin, Map.of("name", "bench", "credits", credits, "enrichPerHourLimit", enrichPerHourLimit));
    }

    private static Tenant newTenant(ApiClient admin, Map<String, Object> tenant) {
        JsonNode t = admin.require("POST", "/api/v2/admin/tenants", tenant, 201);
        String tenantId = t.path("data").path("tenantId").asText();
        JsonNode k = admin.require("POST", "/api/v2/admin/tenants/" + tenantId + "/api-keys",
                Map.of("userId", "bench", "visibility", "tenant", "permissions",
                        List.of("leads:read", "leads:write", "leads:enrich", "scoring:read", "scoring:write", "events:write")), 201);
        String apiKey = k.path("data").path("apiKey").asText();
        return new Tenant(tenantId, apiKey, admin.withKey(apiKey));
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
    // ---------------------------------------------------------------- helpers

    static double pct(long[] sortedNanos, double p) {
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1_000_000.0;
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
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
}
