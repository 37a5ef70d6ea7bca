package dev.leadbase.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A run's output: the table on standard output and the JSON results file, with the machine they were measured on. */
final class Report {
    private Report() {
    }

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

    static void print(Bench.Config config, List<Bench.Row> rows, Map<String, Object> machine) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nLeadbase benchmarks (%s) — %s cores, %d MB RAM, JDK %s%n", config.mode(), machine.get("cores"),
                ((Number) machine.get("memoryBytes")).longValue() / Bench.MB, Runtime.version()));
        String fmt = "%-44s %12s %-16s %12s %9s %-8s %-4s%n";
        out.append(String.format(fmt, "benchmark", "figure", "unit", "limit/base", "ratio", "goal", "met"));
        for (Bench.Row r : rows) {
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

    static void write(Bench.Config config, List<Bench.Row> rows, Map<String, Object> machine) throws IOException {
        ObjectNode root = Bench.JSON.createObjectNode();
        root.put("mode", config.mode());
        root.set("machine", Bench.JSON.valueToTree(machine));
        ObjectNode sizes = root.putObject("sizes");
        sizes.put("leads", config.leads());
        sizes.put("iterations", config.iterations());
        sizes.put("ledgerThreads", config.ledgerThreads());
        sizes.put("ledgerSeconds", config.ledgerSeconds());
        ArrayNode array = root.putArray("rows");
        for (Bench.Row r : rows) {
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
        Bench.JSON.writeValue(file.toFile(), root);
        System.out.println("wrote " + file);
    }

    static void putNum(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }
}
