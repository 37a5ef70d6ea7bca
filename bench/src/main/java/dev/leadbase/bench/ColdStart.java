package dev.leadbase.bench;

import dev.leadbase.local.template.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Cold start of each function jar: a fresh JVM holding only that jar and a minimal invoker, timed from JVM start
 * to the handler constructed (init) and through its first {@code GET} (first invoke), against a DynamoDB Local that
 * is already running. The floor is the same harness running {@link FloorHandler}, one {@code GetItem}. For the leads
 * jar it also shows what SnapStart priming does to the first invoke and what an application CDS archive does to the
 * whole cold start. Runs alternate between the variants; figures are medians.
 */
final class ColdStart implements Section {
    /** The function measured in each jar: an HTTP {@code GET} that authenticates and reads DynamoDB. */
    private static final Map<String, String> MEASURED = new LinkedHashMap<>();

    static {
        MEASURED.put("admin", "ListApiKeysFunction");
        MEASURED.put("leads", "ListLeadsFunction");
        MEASURED.put("enrichment", "GetCreditsFunction");
        MEASURED.put("scoring", "ListRulesetsFunction");
    }

    private static final double GOAL = 1.3;
    private static final int SEEDED_LEADS = 20;
    private static final String HANDLER = "handler";
    private static final String FLOOR = "floor";
    private static final String PRIMED = "primed";
    private static final String CDS = "cds";

    /** One way to start a child: JVM flags, environment and invoker arguments. */
    private record Launch(List<String> jvmFlags, Map<String, String> environment, List<String> args) {
    }

    @Override
    public List<String> rowNames() {
        List<String> names = Section.each(MEASURED.keySet(), "cold init %s", "cold first invoke %s",
                "cold total %s vs floor");
        names.add("cold first invoke leads primed vs not");
        names.add("cold total leads with CDS vs without");
        return names;
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) throws Exception {
        int repetitions = context.config().pick(5, 3, 1);
        Path work = Files.createTempDirectory("leadbase-cold-");
        Bench.log("cold start: DynamoDB Local with a listener, " + repetitions + " run(s) of each variant");
        try (ColdStack stack = ColdStack.start(context, SEEDED_LEADS)) {
            ColdJvm jvm = ColdJvm.in(work);
            warmUp(jvm, context, stack);
            Map<String, List<ColdJvm.Timings>> leadsRuns = null;
            String leadsArchive = null;
            for (Map.Entry<String, String> measured : MEASURED.entrySet()) {
                String fn = measured.getKey();
                Bench.log("cold start " + fn);
                Path jar = jar(context, fn);
                Map<String, Launch> launches = launches(stack, measured.getValue());
                if (fn.equals("leads")) {
                    leadsArchive = addPrimedAndCds(jvm, jar, launches, work);
                }
                Map<String, List<ColdJvm.Timings>> runs = measure(jvm, jar, launches, repetitions);
                String handlerClass = stack.function(measured.getValue()).handlerClass();
                rows.addAll(handlerRows(fn, handlerClass, runs, repetitions));
                if (fn.equals("leads")) {
                    leadsRuns = runs;
                }
            }
            rows.add(primedRow(leadsRuns, repetitions));
            rows.add(cdsRow(leadsRuns, repetitions, leadsArchive));
        } finally {
            delete(work);
        }
    }

    /**
     * Warms what is not being measured, so that the first measured JVM does not pay for it: DynamoDB Local (in this
     * JVM) compiles its request path on the measured routes sent through the stack's API, and an untimed child
     * has the OS read the JDK and a jar from disk (skipped by the smoke test's sizes, whose figures mean nothing).
     */
    private static void warmUp(ColdJvm jvm, Context context, ColdStack stack) throws Exception {
        stack.exercise(MEASURED.values().stream().map(id -> path(stack.function(id))).toList(),
                context.config().pick(100, 50, 10));
        Map.Entry<String, String> first = MEASURED.entrySet().iterator().next();
        Launch floor = launches(stack, first.getValue()).get(FLOOR);
        for (int i = context.config().pick(1, 1, 0); i > 0; i--) {
            jvm.run(jar(context, first.getKey()), floor.jvmFlags(), floor.environment(), floor.args());
        }
    }

    private static Path jar(Context context, String fn) throws IOException {
        return Sizes.functionJar(context.config(), fn)
                .orElseThrow(() -> new IllegalStateException("functions/" + fn + "/target has no *-lambda.jar"));
    }

    /** The handler of {@code functionId} and the floor, both sending the function's own route with the seeded key. */
    private static Map<String, Launch> launches(ColdStack stack, String functionId) {
        Template.Function function = stack.function(functionId);
        String path = path(function);
        Map<String, String> environment = stack.environment(functionId);
        Map<String, String> floorEnvironment = new LinkedHashMap<>(environment);
        floorEnvironment.put("FLOOR_TENANT_ID", stack.tenantId());
        Map<String, Launch> launches = new LinkedHashMap<>();
        launches.put(HANDLER, new Launch(List.of(), environment,
                List.of(function.handlerClass(), path, stack.apiKey())));
        launches.put(FLOOR, new Launch(List.of(), floorEnvironment,
                List.of(FloorHandler.class.getName(), path, stack.apiKey())));
        return launches;
    }

    private static String path(Template.Function function) {
        return function.events().stream().filter(Template.HttpApiEvent.class::isInstance)
                .map(e -> ((Template.HttpApiEvent) e).path()).findFirst()
                .orElseThrow(() -> new IllegalStateException(function.logicalId() + " has no HttpApi event"));
    }

    /**
     * Adds the handler primed and the handler on an application CDS archive, which one training run of the handler
     * writes with every class it loaded; returns the archive's size.
     */
    private static String addPrimedAndCds(ColdJvm jvm, Path jar, Map<String, Launch> launches, Path work)
            throws Exception {
        Launch handler = launches.get(HANDLER);
        Path archive = work.resolve("cold.jsa");
        jvm.run(jar, List.of("-XX:ArchiveClassesAtExit=" + archive), handler.environment(), handler.args());
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the CDS training run wrote no archive at " + archive);
        }
        launches.put(PRIMED, withArgument(handler, "--prime"));
        launches.put(CDS, withFlag(handler, "-XX:SharedArchiveFile=" + archive));
        return String.format(Locale.ROOT, "%.1f MB", Files.size(archive) / (double) Bench.MB);
    }

    /** Runs every launch {@code repetitions} times, taking turns so that drift hits all of them alike. */
    private static Map<String, List<ColdJvm.Timings>> measure(ColdJvm jvm, Path jar, Map<String, Launch> launches,
                                                              int repetitions) throws Exception {
        Map<String, List<ColdJvm.Timings>> runs = new LinkedHashMap<>();
        for (int i = 0; i < repetitions; i++) {
            for (Map.Entry<String, Launch> launch : launches.entrySet()) {
                Launch l = launch.getValue();
                runs.computeIfAbsent(launch.getKey(), k -> new ArrayList<>())
                        .add(jvm.run(jar, l.jvmFlags(), l.environment(), l.args()));
            }
        }
        return runs;
    }

    private static List<Bench.Row> handlerRows(String fn, String handlerClass, Map<String, List<ColdJvm.Timings>> runs,
                                               int repetitions) {
        List<ColdJvm.Timings> handler = runs.get(HANDLER);
        List<ColdJvm.Timings> floor = runs.get(FLOOR);
        double init = median(handler, ColdJvm.Timings::initMs);
        double invoke = median(handler, ColdJvm.Timings::firstInvokeMs);
        double total = median(handler, ColdJvm.Timings::totalMs);
        double floorTotal = median(floor, ColdJvm.Timings::totalMs);
        String simpleName = handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
        String runsNote = simpleName + ", median of " + repetitions + " fresh JVM(s)" + statuses(runs);
        String floorNote = runsNote + "; floor (one GetItem, same jar): init "
                + ms(median(floor, ColdJvm.Timings::initMs)) + " + first invoke "
                + ms(median(floor, ColdJvm.Timings::firstInvokeMs));
        double ratio = total / floorTotal;
        return List.of(
                new Bench.Row("cold init " + fn, init, "ms", null, null, "info", null,
                        runsNote + "; JVM start to handler constructed"),
                new Bench.Row("cold first invoke " + fn, invoke, "ms", null, null, "info", null,
                        runsNote + "; the first handleRequest"),
                new Bench.Row("cold total " + fn + " vs floor", total, "ms", floorTotal, ratio, "<= " + GOAL,
                        ratio <= GOAL, floorNote));
    }

    private static Bench.Row primedRow(Map<String, List<ColdJvm.Timings>> runs, int repetitions) {
        double primed = median(runs.get(PRIMED), ColdJvm.Timings::firstInvokeMs);
        double unprimed = median(runs.get(HANDLER), ColdJvm.Timings::firstInvokeMs);
        return new Bench.Row("cold first invoke leads primed vs not", primed, "ms", unprimed, primed / unprimed,
                "info", null, "SnapStart priming run after construction, as before a snapshot: it took "
                + ms(median(runs.get(PRIMED), ColdJvm.Timings::primeMs)) + " (outside init and invoke); median of "
                + repetitions + statuses(runs));
    }

    private static Bench.Row cdsRow(Map<String, List<ColdJvm.Timings>> runs, int repetitions, String archiveSize) {
        List<ColdJvm.Timings> cds = runs.get(CDS);
        List<ColdJvm.Timings> plain = runs.get(HANDLER);
        double with = median(cds, ColdJvm.Timings::totalMs);
        double without = median(plain, ColdJvm.Timings::totalMs);
        return new Bench.Row("cold total leads with CDS vs without", with, "ms", without, with / without, "info", null,
                "dynamic AppCDS archive (" + archiveSize + ") from one training run vs the JDK's default CDS only: init "
                + ms(median(cds, ColdJvm.Timings::initMs)) + " vs " + ms(median(plain, ColdJvm.Timings::initMs))
                + ", first invoke " + ms(median(cds, ColdJvm.Timings::firstInvokeMs)) + " vs "
                + ms(median(plain, ColdJvm.Timings::firstInvokeMs)) + "; median of " + repetitions
                + "; Lambda's java21 runtime brings its own CDS" + statuses(runs));
    }

    /** Empty when every child answered 200, else which did not. */
    private static String statuses(Map<String, List<ColdJvm.Timings>> runs) {
        StringBuilder odd = new StringBuilder();
        runs.forEach((name, timings) -> timings.stream().mapToInt(ColdJvm.Timings::status).filter(s -> s != 200)
                .distinct().forEach(s -> odd.append(odd.isEmpty() ? "" : ", ").append(name).append(" answered ").append(s)));
        return odd.isEmpty() ? "" : " (" + odd + ")";
    }

    private static Launch withArgument(Launch launch, String argument) {
        List<String> args = new ArrayList<>(launch.args());
        args.addFirst(argument);
        return new Launch(launch.jvmFlags(), launch.environment(), args);
    }

    private static Launch withFlag(Launch launch, String flag) {
        List<String> flags = new ArrayList<>(launch.jvmFlags());
        flags.add(flag);
        return new Launch(flags, launch.environment(), launch.args());
    }

    private static double median(List<ColdJvm.Timings> runs, ToDoubleFunction<ColdJvm.Timings> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
