package dev.leadbase.shared.logging;

import dev.leadbase.shared.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line on stdout, as CloudWatch Logs expects. Callers never pass keys. */
public final class JsonLog {
    private static final PrintStream OUT = System.out;

    private JsonLog() {
    }

    public static void info(String message, Map<String, Object> fields) {
        write("INFO", message, fields);
    }

    public static void warn(String message, Map<String, Object> fields) {
        write("WARN", message, fields);
    }

    public static void error(String message, Map<String, Object> fields, Throwable error) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        if (error != null) {
            all.put("errorType", error.getClass().getName());
            StringBuilder trace = new StringBuilder();
            for (StackTraceElement e : error.getStackTrace()) {
                if (trace.length() > 4000) {
                    break;
                }
                trace.append(e).append('\n');
            }
            all.put("stack", trace.toString());
        }
        write("ERROR", message, all);
    }

    private static void write(String level, String message, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        OUT.println(Json.write(line));
    }
}
