package dev.leadbase.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.leadbase.access.app.ApiKeys;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.NewApiKey;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.access.domain.Visibility;
import dev.leadbase.access.store.DynamoApiKeyRepository;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.access.domain.Tenant;
import dev.leadbase.access.app.Tenants;
import dev.leadbase.local.aws.AwsSemantics;
import dev.leadbase.local.template.Template;
import java.time.Clock;
import java.util.EnumSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: {@code serve [--port N] [--data-dir DIR] [--template PATH] [--param K=V]} runs the whole template;
 * {@code invoke <FunctionLogicalId> --event <file.json> [--data-dir DIR] [--template PATH] [--param K=V]} runs one
 * function once, like {@code sam local invoke -e} (on a throwaway database, or on the one kept in DIR).
 */
public final class LeadbaseLocal {
    /** The template parameter holding the SHA-256 of the platform admin (bootstrap) key. */
    static final String BOOTSTRAP_PARAMETER = "BootstrapKeyHash";
    static final String INVOKE_DEMO_KEY = "lb_demo_local_invoke_key";
    static final String INVOKE_ADMIN_KEY = "lb_admin_local_invoke_key";
    private static final long DEMO_CREDITS = 1_000;

    private LeadbaseLocal() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            switch (args[0]) {
                case "serve" -> serve(rest(args, 1));
                case "invoke" -> System.exit(invoke(rest(args, 1)));
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("leadbase-local: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void serve(List<String> args) throws InterruptedException {
        Options options = Options.defaults();
        String semantics = System.getenv(AwsSemantics.ENV);
        if (semantics != null && !semantics.isBlank() && !semantics.trim().equalsIgnoreCase("off")) {
            options = options.withAwsSemantics(AwsSemantics.parse(semantics));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--aws-semantics") || args.get(i).startsWith("--aws-semantics=")) {
                options = options.withAwsSemantics(AwsSemantics.parse(args.get(i).substring("--aws-semantics".length())
                        .replaceFirst("^=", "")));
                continue;
            }
            switch (args.get(i)) {
                case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, "--port")));
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, "--data-dir")));
                case "--template" -> options = options.withTemplate(Path.of(value(args, ++i, "--template")));
                case "--param" -> parameter(parameters, value(args, ++i, "--param"));
                default -> throw new IllegalArgumentException("Unknown option " + args.get(i));
            }
        }
        // with a data directory the demo key is kept there, so its demo tenant stays usable across restarts
        String demoKey = envOr("LEADBASE_DEMO_KEY", null);
        if (demoKey == null) {
            demoKey = DataDirSecrets.demoKey(options.dataDir());
        }
        String adminKey = envOr("LEADBASE_BOOTSTRAP_KEY", "lb_admin_" + KeyHasher.newKey().substring(3));
        parameters.putIfAbsent(BOOTSTRAP_PARAMETER, KeyHasher.sha256(adminKey));
        RunningRuntime runtime = LocalRuntime.start(options.withParameters(parameters));
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "leadbase-local-shutdown"));
        seedDemo(runtime, demoKey);
        if (options.awsSemantics() != null) {
            System.out.println("AWS semantics on: " + options.awsSemantics() + " (replay: " + AwsSemantics.ENV + "="
                    + options.awsSemantics() + ")");
        }
        System.out.println("Leadbase ready on " + runtime.baseUrl() + " - API key: " + demoKey + " - admin key: " + adminKey);
        System.out.flush();
        // every runtime thread is a daemon: the main thread keeps the JVM alive until Ctrl-C
        Thread.currentThread().join();
    }

    private static int invoke(List<String> args) throws IOException {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new IllegalArgumentException("invoke needs a function logical id");
        }
        String functionId = args.get(0);
        Path event = null;
        Options options = Options.defaults().withHttp(false).withPollers(false).withSchedules(false)
                .withOnlyFunction(functionId);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--event", "-e" -> event = Path.of(value(args, ++i, "--event"));
                case "--template" -> options = options.withTemplate(Path.of(value(args, ++i, "--template")));
                case "--param" -> parameter(parameters, value(args, ++i, "--param"));
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, "--data-dir")));
                default -> throw new IllegalArgumentException("Unknown option " + args.get(i));
            }
        }
        if (event == null) {
            throw new IllegalArgumentException("invoke needs --event <file.json>");
        }
        String json = Files.readString(event);
        // invoke runs on a throwaway in-memory database: fixed keys let the samples in events/ work; with
        // --data-dir it runs on the database `serve --data-dir` keeps there (stopped first), and its demo key
        parameters.putIfAbsent(BOOTSTRAP_PARAMETER,
                KeyHasher.sha256(envOr("LEADBASE_BOOTSTRAP_KEY", INVOKE_ADMIN_KEY)));
        String demoKey = envOr("LEADBASE_DEMO_KEY",
                options.dataDir() == null ? INVOKE_DEMO_KEY : DataDirSecrets.demoKey(options.dataDir()));
        try (RunningRuntime runtime = LocalRuntime.start(options.withParameters(parameters))) {
            seedDemo(runtime, demoKey);
            System.out.println(invokeWithJson(runtime, functionId, json));
            System.out.flush();
        }
        return 0;
    }

    /** Deserializes {@code json} into the function's event type, invokes it and returns the result as JSON. */
    public static String invokeWithJson(RunningRuntime runtime, String functionId, String json) {
        LocalFunction function = runtime.function(functionId);
        Class<?> type = eventType(function);
        Object input = type == String.class ? json : LambdaJson.input(json, type);
        return LambdaJson.output(function.invoke(input));
    }

    private static Class<?> eventType(LocalFunction function) {
        return function.definition().firstEvent().<Class<?>>map(e -> switch (e) {
            case Template.HttpApiEvent ignored -> APIGatewayV2HTTPEvent.class;
            case Template.SqsEvent ignored -> SQSEvent.class;
            case Template.StreamEvent ignored -> DynamodbEvent.class;
            case Template.ScheduleEvent ignored -> ScheduledEvent.class;
        }).orElseGet(() -> function.inputType() == Object.class ? Map.class : function.inputType());
    }

    /**
     * Makes sure the demo tenant holding {@code demoKey} exists (every permission, some credits);
     * with a data directory that already has it, nothing is written.
     */
    static void seedDemo(RunningRuntime runtime, String demoKey) {
        DynamoApiKeyRepository keys = new DynamoApiKeyRepository(runtime.dynamo(), runtime.tableName("ApiKeysTable"));
        if (keys.findByHash(KeyHasher.sha256(demoKey)).isPresent()) {
            return;
        }
        DynamoTenantRepository tenantStore = new DynamoTenantRepository(runtime.dynamo(), runtime.tableName("TenantsTable"));
        Tenant demo = new Tenants(tenantStore, Clock.systemUTC()).create("demo", DEMO_CREDITS, null);
        new ApiKeys(keys, tenantStore, Clock.systemUTC()).issueWithValue(demo.tenantId(),
                new NewApiKey("demo", EnumSet.allOf(Permission.class), Visibility.TENANT), demoKey);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static void parameter(Map<String, String> parameters, String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--param needs Name=Value, got " + pair);
        }
        parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static List<String> rest(String[] args, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            out.add(args[i]);
        }
        return out;
    }

    private static void usage() {
        System.err.println("""
                usage: leadbase-local serve [--port N] [--data-dir DIR] [--template PATH] [--param Name=Value] [--aws-semantics[=SEED|SETTINGS]]
                       leadbase-local invoke <FunctionLogicalId> --event <file.json> [--data-dir DIR] [--template PATH] [--param Name=Value]""");
    }
}
