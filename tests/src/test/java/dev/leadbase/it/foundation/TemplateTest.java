package dev.leadbase.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.leadbase.local.LambdaJson;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.template.Template;
import dev.leadbase.it.Commands;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.contract.OpenApiDocument;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
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
    void theTemplateRoutesExactlyTheOperationsOpenApiDocuments() {
        Set<String> routed = new TreeSet<>();
        for (Template.Function function : template.functions().values()) {
            for (Template.Event event : function.events()) {
                if (event instanceof Template.HttpApiEvent api && !api.path().equals("$default")) {
                    routed.add(api.method().toUpperCase(Locale.ROOT) + " " + api.path());
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        OpenApiDocument.load().spec().path("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(field -> {
                    if (HTTP_METHODS.contains(field)) {
                        documented.add(field.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        assertTrue(documented.size() >= 20, "operations are found: " + documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);
        assertEquals(Set.of(), unrouted, "operations openapi.yaml documents but template.yaml does not route");
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "routes template.yaml declares but openapi.yaml does not document");
    }

    @Test
    void everyOperationTakingAnIdempotencyKeyRunsOnAFunctionWithTheIdempotencyTable() {
        Map<String, Template.Function> byRoute = new TreeMap<>();
        for (Template.Function function : template.functions().values()) {
            for (Template.Event event : function.events()) {
                if (event instanceof Template.HttpApiEvent api) {
                    byRoute.put(api.method().toUpperCase(Locale.ROOT) + " " + api.path(), function);
                }
            }
        }
        List<String> keyed = new ArrayList<>();
        List<String> without = new ArrayList<>();
        OpenApiDocument.load().spec().path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> {
                    if (!HTTP_METHODS.contains(operation.getKey())) {
                        return;
                    }
                    boolean takesKey = false;
                    for (var parameter : operation.getValue().path("parameters")) {
                        takesKey |= parameter.path("$ref").asText().endsWith("/IdempotencyKey");
                    }
                    String route = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    if (takesKey) {
                        keyed.add(route);
                        Template.Function function = byRoute.get(route);
                        if (function == null || !function.variables().containsKey("IDEMPOTENCY_TABLE")) {
                            without.add(route + " (" + (function == null ? "not routed" : function.logicalId()) + ")");
                        }
                    }
                }));
        assertTrue(keyed.size() >= 5, "operations taking Idempotency-Key are found: " + keyed);
        assertEquals(List.of(), without, "these would answer 500 to a request with Idempotency-Key");
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
        Matcher refs = Pattern.compile("!(?:Ref|GetAtt)\\s+([A-Za-z0-9:]+)").matcher(text);
        while (refs.find()) {
            if (!refs.group(1).startsWith("AWS::") && !declared.contains(refs.group(1))) {
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

    /**
     * Index names are string literals of the form {@code "ByName"} wherever the code keeps them (constants, enum
     * constants); each must be declared on a table, and each declared index must be one the code queries.
     */
    @Test
    void theIndexesTheCodeNamesAreExactlyTheIndexesTheTemplateDeclares() throws IOException {
        Set<String> declared = new TreeSet<>();
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
        Pattern indexName = Pattern.compile("\"(By[A-Z][A-Za-z0-9]*)\"");
        try (Stream<Path> files = Files.walk(Path.of("functions/core/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = indexName.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertTrue(used.containsAll(List.of("ByCreated", "ByLastEvent", "ByTenant", "ByOpenJob")),
                "the index names of the Leads enum and the other repositories' constants are found: " + used);
        Set<String> undeclared = new TreeSet<>(used);
        undeclared.removeAll(declared);
        assertEquals(Set.of(), undeclared, "indexes the code names but template.yaml does not declare");
        Set<String> unused = new TreeSet<>(declared);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "indexes template.yaml declares but no code names (each costs writes)");
    }

    // ---------------------------------------------------------------- data safety

    private static final Set<String> DATA_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) Template.raw(TEMPLATE).get("Resources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return resource.get("Properties") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Test
    void everyTableAndQueueSurvivesAStackDeleteAndAReplacement() {
        List<String> unsafe = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (DATA_TYPES.contains(resource.get("Type")) && (!"Retain".equals(resource.get("DeletionPolicy"))
                    || !"Retain".equals(resource.get("UpdateReplacePolicy")))) {
                unsafe.add(id);
            }
        });
        assertTrue(template.tables().size() >= 10 && template.queues().size() >= 7, "tables and queues are found");
        assertEquals(List.of(), unsafe, "DeletionPolicy and UpdateReplacePolicy must both be Retain");
    }

    @Test
    void everyTableHasPointInTimeRecoveryAndDeletionProtection() {
        List<String> unsafe = new ArrayList<>();
        template.tables().forEach((id, table) -> {
            Object pitr = table.properties().get("PointInTimeRecoverySpecification");
            boolean recovery = pitr instanceof Map<?, ?> spec && Boolean.TRUE.equals(spec.get("PointInTimeRecoveryEnabled"));
            if (!recovery || !Boolean.TRUE.equals(table.properties().get("DeletionProtectionEnabled"))) {
                unsafe.add(id);
            }
        });
        assertEquals(List.of(), unsafe, "tables without point-in-time recovery or deletion protection");
    }

    @Test
    void everyQueueStatesItsRetentionAndADeadLetterQueueOutlivesItsSource() {
        List<String> problems = new ArrayList<>();
        template.queues().forEach((id, queue) -> {
            Object retention = queue.properties().get("MessageRetentionPeriod");
            if (!(retention instanceof Integer)) {
                problems.add(id + " has no explicit MessageRetentionPeriod");
                return;
            }
            // a dead-lettered message keeps its first enqueue time: a shorter DLQ retention would drop it early
            queue.deadLetterQueue().ifPresent(dlq -> {
                Object dlqRetention = template.queues().get(dlq).properties().get("MessageRetentionPeriod");
                if (dlqRetention instanceof Integer d && d < (Integer) retention) {
                    problems.add(dlq + " keeps messages for less time than its source " + id);
                }
            });
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void noSecretIsATemplateParameterOrHasADefault() {
        List<String> problems = new ArrayList<>();
        Map<?, ?> parameters = (Map<?, ?>) Template.raw(TEMPLATE).get("Parameters");
        parameters.forEach((name, spec) -> {
            Map<?, ?> p = (Map<?, ?>) spec;
            if (String.valueOf(name).toLowerCase().contains("secret") && p.containsKey("Default")) {
                problems.add(name + " is a secret with a Default");
            }
            if (Boolean.TRUE.equals(p.get("NoEcho"))) {
                problems.add(name + " passes a secret value through CloudFormation; use Secrets Manager or SSM");
            }
        });
        assertEquals(List.of(), problems);
    }

    /** A secret reaches a function as the ARN of a template secret ({@code _ARN}) or an SSM name ({@code _PARAMETER}). */
    @Test
    void functionsGetSecretsByReferenceAndMayReadOnlyTheirOwn() {
        Pattern secretName = Pattern.compile(".*(SECRET|API_KEY|PASSWORD|TOKEN).*");
        Map<String, Map<String, Object>> resources = resources();
        List<String> problems = new ArrayList<>();
        for (Template.Function function : template.functions().values()) {
            List<Object> policies = asList(properties(resources.get(function.logicalId())).get("Policies"));
            String policyText = String.valueOf(policies);
            Set<String> readable = new TreeSet<>();
            for (Object policy : policies) {
                if (policy instanceof Map<?, ?> m && m.get("AWSSecretsManagerGetSecretValuePolicy") instanceof Map<?, ?> p
                        && p.get("SecretArn") instanceof dev.leadbase.local.template.Intrinsic.Ref ref) {
                    readable.add(ref.name());
                }
            }
            Set<String> needed = new TreeSet<>();
            function.variables().forEach((name, value) -> {
                if (!secretName.matcher(name).matches()) {
                    return;
                }
                if (name.endsWith("_ARN") && value instanceof dev.leadbase.local.template.Intrinsic.Ref ref
                        && "AWS::SecretsManager::Secret".equals(template.resourceTypes().get(ref.name()))) {
                    needed.add(ref.name());
                } else if (name.endsWith("_PARAMETER") && value instanceof dev.leadbase.local.template.Intrinsic.Ref ref) {
                    if (!policyText.contains("ssm:GetParameter") || !policyText.contains("parameter${" + ref.name() + "}")) {
                        problems.add(function.logicalId() + " cannot read the SSM parameter of " + name);
                    }
                } else {
                    problems.add(function.logicalId() + " holds the secret " + name + " as a plain value");
                }
            });
            if (!needed.equals(readable)) {
                problems.add(function.logicalId() + " reads secrets " + needed + " but may read " + readable);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void secretsAreGeneratedNotWritten() {
        List<String> problems = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::SecretsManager::Secret".equals(resource.get("Type"))
                    && (properties(resource).containsKey("SecretString") || !properties(resource).containsKey("GenerateSecretString"))) {
                problems.add(id);
            }
        });
        assertTrue(template.resourceTypes().containsValue("AWS::SecretsManager::Secret"), "the cursor secret is a resource");
        assertEquals(List.of(), problems, "secrets must use GenerateSecretString, never a SecretString in the template");
    }

    /** Runs where cfn-lint is installed (it applies the SAM transform first); skipped where it is not. */
    @Test
    void cfnLintReportsNoErrorAndNoWarning() throws Exception {
        Commands.Result lint = Commands.runIfInstalled("cfn-lint", "--format", "parseable", TEMPLATE.toString());
        // exit status bits: 2 errors, 4 warnings, 8 informational; 1 a failure of cfn-lint itself
        assertEquals(0, lint.status() & (1 | 2 | 4), "cfn-lint template.yaml:\n" + lint.output());
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
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
