package dev.leadbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.local.LocalContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Launches fresh JVMs that hold one function jar and the {@link ColdInvoker} (with {@link FloorHandler}) on the
 * class path, nothing else of the bench, and reads back their timings. A child that outlives the timeout is killed;
 * its stderr goes into the error.
 */
final class ColdJvm {
    static final long TIMEOUT_SECONDS = 60;
    // Lambda's java21 runtime runs the serial collector; a 2-core machine would otherwise pick G1
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+UseSerialGC");

    private final String javaExecutable;
    private final Path invokerJar;
    private final Path workDir;
    private int launches;

    private ColdJvm(String javaExecutable, Path invokerJar, Path workDir) {
        this.javaExecutable = javaExecutable;
        this.invokerJar = invokerJar;
        this.workDir = workDir;
    }

    /** What one child measured, in milliseconds. Init runs from JVM start to the handler constructed. */
    record Timings(double initMs, double primeMs, double firstInvokeMs, int status) {
        double totalMs() {
            return initMs + firstInvokeMs;
        }
    }

    /** Writes the invoker jar into {@code workDir}; children run with the java executable of this JVM. */
    static ColdJvm in(Path workDir) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ColdJvm(java, invokerJar(workDir), workDir);
    }

    /**
     * Runs {@code ColdInvoker args} in a fresh JVM with {@code functionJar}, {@code jvmFlags} and only
     * {@code environment} (as Lambda sets it, nothing inherited from this process).
     */
    Timings run(Path functionJar, List<String> jvmFlags, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable);
        command.addAll(LAMBDA_FLAGS);
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", functionJar + File.pathSeparator + invokerJar,
                ColdInvoker.class.getName()));
        command.addAll(args);
        int launch = ++launches;
        Path out = workDir.resolve("child-" + launch + ".out");
        Path err = workDir.resolve("child-" + launch + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process child = builder.start();
        if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw failure("timed out after " + TIMEOUT_SECONDS + " s", command, err);
        }
        String result;
        try (Stream<String> lines = Files.lines(out)) {
            result = lines.filter(l -> l.startsWith(ColdInvoker.RESULT_PREFIX)).findFirst().orElse(null);
        }
        if (child.exitValue() != 0 || result == null) {
            throw failure("exited with " + child.exitValue() + " and no timings", command, err);
        }
        JsonNode json = Bench.JSON.readTree(result.substring(ColdInvoker.RESULT_PREFIX.length()));
        return new Timings(json.path("initMs").asDouble(), json.path("primeMs").asDouble(),
                json.path("firstInvokeMs").asDouble(), json.path("status").asInt());
    }

    private static IllegalStateException failure(String what, List<String> command, Path err) throws IOException {
        return new IllegalStateException("cold-start child " + what + ": " + String.join(" ", command)
                + "\n--- stderr ---\n" + Files.readString(err));
    }

    /**
     * A jar of the invoker, the floor handler and the Lambda context they pass, with their nested classes: CDS
     * refuses directories on the path.
     */
    private static Path invokerJar(Path workDir) throws IOException {
        Path jar = workDir.resolve("cold-invoker.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> top : List.of(ColdInvoker.class, FloorHandler.class, LocalContext.class)) {
                for (Class<?> type : Arrays.stream(top.getNestMembers()).distinct().toList()) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(entry));
                    try (InputStream in = ColdJvm.class.getClassLoader().getResourceAsStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
