package dev.leadbase.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.leadbase.local.LambdaJson;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.template.Template;
import dev.leadbase.it.Fixture;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** template.yaml is the single source of truth: these checks keep it and the code in step. */
class TemplateTest {
    private static final Path TEMPLATE = Path.of("template.yaml");
    private final Template template = Template.load(TEMPLATE);

    @Test
    void everyHandlerNamesAPublicClassWithItsMethodAndANoArgConstructor() throws Exception {
        for (Template.Function function : template.functions().values()) {
            Class<?> type = Class.forName(function.handlerClass());
            assertNotNull(type.getConstructor(), function.logicalId() + " needs a public no-arg constructor");
            assertTrue(Stream.of(type.getMethods()).anyMatch(m -> m.getName().equals(function.handlerMethod())),
                    function.logicalId() + ": no method " + function.handler());
        }
    }

    @Test
    void everyFunctionIsConstructedByTheLocalRuntimeWithTheEnvironmentTheTemplateGivesIt() {
        assertEquals(template.functions().keySet(), Fixture.runtime().functions().keySet());
    }

    @Test
    void everyCodeUriIsABuiltJarHoldingItsHandler() throws IOException {
        for (Template.Function function : template.functions().values()) {
            String codeUri = codeUri(function.logicalId());
            Path jar = Path.of(codeUri);
            assertTrue(Files.isRegularFile(jar), function.logicalId() + ": CodeUri " + codeUri + " is not built");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertNotNull(zip.getEntry(function.handlerClass().replace('.', '/') + ".class"),
                        function.logicalId() + ": " + codeUri + " lacks its handler class");
            }
        }
    }

    @Test
    void everyRefAndGetAttNamesADeclaredResourceOrParameter() throws IOException {
        String text = Files.readString(TEMPLATE);
        Set<String> declared = new HashSet<>(template.resourceTypes().keySet());
        declared.addAll(template.parameters().keySet());
        List<String> unresolved = new ArrayList<>();
        Matcher refs = Pattern.compile("!(?:Ref|GetAtt)\\s+([A-Za-z0-9]+)").matcher(text);
        while (refs.find()) {
            if (!declared.contains(refs.group(1))) {
                unresolved.add(refs.group(0));
            }
        }
        Matcher subs = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.[A-Za-z]+)?}").matcher(text);
        while (subs.find()) {
            if (!subs.group(1).startsWith("AWS::") && !declared.contains(subs.group(1))) {
                unresolved.add(subs.group(0));
            }
        }
        assertEquals(List.of(), unresolved);
    }

    @Test
    void everyFunctionHasASampleEventThatParsesIntoItsEventType() throws IOException {
        for (LocalFunction function : Fixture.runtime().functions().values()) {
            Path sample = Path.of("events", function.name() + ".json");
            assertTrue(Files.isRegularFile(sample), "missing " + sample);
            Object event = LambdaJson.input(Files.readString(sample), function.inputType());
            assertNotNull(event, sample.toString());
            if (event instanceof APIGatewayV2HTTPEvent http
                    && function.definition().firstEvent().orElseThrow() instanceof Template.HttpApiEvent api) {
                String expected = api.path().equals("$default") ? "$default" : api.method() + " " + api.path();
                assertEquals(expected, http.getRouteKey(), sample + " routeKey");
            }
        }
    }

    @Test
    void batchHandlersAndReportBatchItemFailuresGoTogether() throws Exception {
        for (Template.Function function : template.functions().values()) {
            for (Template.Event event : function.events()) {
                if (event instanceof Template.SqsEvent sqs) {
                    Method method = Stream.of(Class.forName(function.handlerClass()).getMethods())
                            .filter(m -> m.getName().equals(function.handlerMethod()) && !m.isBridge())
                            .findFirst().orElseThrow();
                    boolean returnsBatchResponse = SQSBatchResponse.class.equals(method.getReturnType());
                    assertEquals(returnsBatchResponse, sqs.reportBatchItemFailures(),
                            function.logicalId() + ": SQSBatchResponse needs ReportBatchItemFailures and vice versa");
                }
            }
        }
    }

    @Test
    void fallbackRouteKnowsEveryRouteOfTheTemplate() {
        Set<String> routes = new TreeSet<>();
        String listed = null;
        for (Template.Function function : template.functions().values()) {
            for (Template.Event event : function.events()) {
                if (event instanceof Template.HttpApiEvent api && !api.path().equals("$default")) {
                    routes.add(api.method() + " " + api.path());
                }
            }
            if (function.variables().containsKey("LEADBASE_ROUTES")) {
                listed = String.valueOf(function.variables().get("LEADBASE_ROUTES"));
            }
        }
        assertNotNull(listed);
        Set<String> declared = Stream.of(listed.split(",")).map(String::trim).map(s -> s.replaceAll("\\s+", " "))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(routes, declared);
    }

    @Test
    void everyIndexTheCodeQueriesIsDeclared() throws IOException {
        Set<String> declared = new HashSet<>();
        for (Template.Table table : template.tables().values()) {
            for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
                if (table.properties().get(kind) instanceof List<?> indexes) {
                    for (Object index : indexes) {
                        declared.add(String.valueOf(((Map<?, ?>) index).get("IndexName")));
                    }
                }
            }
        }
        Set<String> used = new TreeSet<>();
        Pattern constant = Pattern.compile("static final String (?:BY_[A-Z_]+|[A-Z_]+_INDEX) = \"([A-Za-z0-9]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("functions/core/src/main/java/dev/leadbase/core/dynamo"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = constant.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertTrue(used.size() >= 2, "index constants are found: " + used);
        used.removeAll(declared);
        assertEquals(Set.of(), used, "indexes used in code but not declared in template.yaml");
    }

    /** The CodeUri of a function, read from the template text (it is not part of the runtime model). */
    private static String codeUri(String logicalId) throws IOException {
        List<String> lines = Files.readAllLines(TEMPLATE);
        boolean inFunction = false;
        for (String line : lines) {
            if (line.equals("  " + logicalId + ":")) {
                inFunction = true;
            } else if (inFunction && line.matches("  [A-Za-z0-9]+:")) {
                break;
            } else if (inFunction && line.trim().startsWith("CodeUri:")) {
                return line.trim().substring("CodeUri:".length()).trim();
            }
        }
        throw new AssertionError("no CodeUri for " + logicalId);
    }
}
