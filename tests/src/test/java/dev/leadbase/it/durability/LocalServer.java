package dev.leadbase.it.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code LeadbaseLocal serve --data-dir DIR} in a child JVM on this JVM's class path: the process a user runs,
 * which a test can kill with SIGKILL.
 */
final class LocalServer {
    private static final Pattern READY = Pattern.compile("Leadbase ready on (\\S+) - API key: (\\S+) - admin key: (\\S+)");

    private final Process process;
    private final String baseUrl;
    private final String demoKey;
    private final Deque<String> lastLines;

    private LocalServer(Process process, String baseUrl, String demoKey, Deque<String> lastLines) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.demoKey = demoKey;
        this.lastLines = lastLines;
    }

    /** Starts the server on a free port and waits for its ready line. */
    static LocalServer start(Path dataDir, String adminKey) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 24) {
            command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.leadbase.local.LeadbaseLocal",
                "serve", "--port", "0", "--data-dir", dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("LEADBASE_BOOTSTRAP_KEY", adminKey);
        // the demo key must come from the data directory; enrichment must stay offline
        env.remove("LEADBASE_DEMO_KEY");
        env.remove("LEADBASE_PORT");
        env.remove("HUNTER_API_KEY");
        env.remove("PDL_API_KEY");
        Process process = builder.start();
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("local-server-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(matcher);
                    }
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 40) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            ready.completeExceptionally(new IllegalStateException("exited before its ready line"));
        });
        try {
            Matcher matcher = ready.get(90, TimeUnit.SECONDS);
            return new LocalServer(process, matcher.group(1), matcher.group(2), lastLines);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            synchronized (lastLines) {
                throw new AssertionError("leadbase serve --data-dir " + dataDir + " never became ready; its last output:\n"
                        + String.join("\n", lastLines), e);
            }
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    String demoKey() {
        return demoKey;
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The server did not die");
        }
    }

    /** Ends the server if it still runs. */
    void stop() {
        process.destroyForcibly();
    }

    /** The server's last lines of output, for a failure message. */
    String lastOutput() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }
}
