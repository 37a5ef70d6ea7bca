package dev.leadbase.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** External tools some checks run (cfn-lint, openapi-spec-validator): used where installed, skipped where not. */
public final class Commands {
    private Commands() {
    }

    /** What a command printed (stdout and stderr) and its exit status. */
    public record Result(int status, String output) {
    }

    /** An executable of that name on the PATH, or null. */
    public static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs {@code command args...} from the repository root; the calling test is skipped when it is not installed. */
    public static Result runIfInstalled(String command, String... args) throws Exception {
        Path executable = onPath(command);
        Assumptions.assumeTrue(executable != null, command + " is not installed: skipped");
        List<String> line = new ArrayList<>(List.of(executable.toString()));
        line.addAll(List.of(args));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), output);
    }
}
