package dev.leadbase.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Holds the line of the design: the domain imports nothing from Lambda or the AWS SDK. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/leadbase");

    @Test
    void domainPackagesImportNoAwsOrLambdaTypes() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.getParent().endsWith("domain") || p.getParent().endsWith("app"))
                    .filter(ArchitectureTest::importsAws)
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders, "domain classes importing AWS SDK or Lambda types");
    }

    @Test
    void noProductionCodeScansATable() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).matches("(?s).*(ScanRequest|\\.scan\\(|scanPaginator).*"))
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders, "lists must be served by Query, never Scan");
    }

    private static boolean importsAws(Path file) {
        return read(file).lines().anyMatch(l -> l.startsWith("import software.amazon") || l.startsWith("import com.amazonaws"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
