package dev.leadbase.shared.logging;

import dev.leadbase.shared.json.Json;
import dev.leadbase.shared.time.IsoTime;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        Map<String, Object> line = LinkedHashMap.newLinkedHashMap(fields.size() + 3);
        line.put("timestamp", IsoTime.text(Instant.now()));
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        byte[] bytes = Json.write(line).concat("\n").getBytes(StandardCharsets.UTF_8);
        OUT.write(bytes, 0, bytes.length);  // the line's bytes at once, flushed as println would, without its text encoder
    }
}
