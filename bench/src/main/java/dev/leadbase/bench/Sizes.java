package dev.leadbase.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The size of each deployable function jar against the 12 MB limit. */
final class Sizes implements Section {
    private static final List<String> FUNCTIONS = List.of("admin", "leads", "enrichment", "scoring");
    private static final double LIMIT_MB = 12.0;

    @Override
    public List<String> rowNames() {
        return FUNCTIONS.stream().map(fn -> "jar size " + fn).toList();
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) throws IOException {
        for (String fn : FUNCTIONS) {
            Optional<Path> jar = functionJar(context.config(), fn);
            long size = jar.isPresent() ? Files.size(jar.get()) : -1;
            String jarName = jar.map(j -> j.getFileName().toString()).orElse("missing");
            double mb = size < 0 ? Double.NaN : (double) size / Bench.MB;
            rows.add(new Bench.Row("jar size " + fn, mb, "MB", LIMIT_MB, mb / LIMIT_MB, "<= 1", size >= 0 && mb <= LIMIT_MB,
                    jarName));
        }
    }

    /** The deployable (shaded) jar of a function group, once built. */
    static Optional<Path> functionJar(Bench.Config config, String fn) throws IOException {
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
}
