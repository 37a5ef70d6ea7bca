package dev.leadbase.bench;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.local.ExternalBackends;
import dev.leadbase.local.LocalRuntime;
import dev.leadbase.local.Options;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cold-start children run against: DynamoDB Local listening on a port of its own (the local runtime's is
 * embedded, without a listener), holding the template's tables and one seeded tenant with a key and some leads.
 *
 * <p>The tables and the seeded data come from a second local runtime over that DynamoDB (and the bench runtime's SQS):
 * it creates the tables as the template declares them, resolves each function's environment as the local runtime
 * does, and writes the seeded data through the real HTTP API.
 */
final class ColdStack implements AutoCloseable {
    private final DynamoDBProxyServer dynamo;
    private final RunningRuntime runtime;
    private final String dynamoEndpoint;
    private final String sqsEndpoint;
    private final String tenantId;
    private final String apiKey;

    private ColdStack(DynamoDBProxyServer dynamo, RunningRuntime runtime, String dynamoEndpoint, String sqsEndpoint,
                      String tenantId, String apiKey) {
        this.dynamo = dynamo;
        this.runtime = runtime;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.tenantId = tenantId;
        this.apiKey = apiKey;
    }

    /** Starts DynamoDB Local on a free port, creates the tables and seeds a tenant holding {@code leads} leads. */
    static ColdStack start(Section.Context context, int leads) throws Exception {
        int port = freePort();
        String dynamoEndpoint = "http://127.0.0.1:" + port;
        DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", String.valueOf(port)});
        dynamo.start();
        RunningRuntime runtime = null;
        try {
            String sqsEndpoint = sqsEndpoint(context.runtime());
            String adminKey = context.admin().apiKey();
            runtime = LocalRuntime.start(Options.defaults()
                    .withTemplate(context.config().repoRoot().resolve("template.yaml"))
                    .withPort(0).withPollers(false).withSchedules(false)
                    .withParameters(Map.of("BootstrapKeyHash", KeyHasher.sha256(adminKey)))
                    .withExternalBackends(new ExternalBackends(URI.create(dynamoEndpoint), URI.create(sqsEndpoint),
                            Resolver.REGION, "local", "local")));

            ApiClient admin = new ApiClient(runtime.baseUrl(), adminKey);
            JsonNode tenant = admin.require("POST", "/api/v2/admin/tenants", Map.of("name", "cold", "credits", 1000), 201);
            String tenantId = tenant.path("data").path("tenantId").asText();
            List<String> everything = Arrays.stream(Permission.values()).map(Permission::wire).toList();
            JsonNode key = admin.require("POST", "/api/v2/admin/tenants/" + tenantId + "/api-keys",
                    Map.of("userId", "cold", "visibility", "tenant", "permissions", everything), 201);
            String apiKey = key.path("data").path("apiKey").asText();
            Bench.seed(new Bench.Tenant(tenantId, apiKey, admin.withKey(apiKey)), leads);
            return new ColdStack(dynamo, runtime, dynamoEndpoint, sqsEndpoint, tenantId, apiKey);
        } catch (Exception | Error e) {
            if (runtime != null) {
                runtime.close();
            }
            dynamo.stop();
            throw e;
        }
    }

    String tenantId() {
        return tenantId;
    }

    String apiKey() {
        return apiKey;
    }

    Template.Function function(String logicalId) {
        return runtime.function(logicalId).definition();
    }

    /**
     * A function's environment as Lambda would set it (the template's variables, resolved as the local runtime
     * does), pointed at this stack's DynamoDB and the bench's SQS.
     */
    Map<String, String> environment(String logicalId) {
        Map<String, String> env = new LinkedHashMap<>(runtime.function(logicalId).environment());
        env.put("LEADBASE_DYNAMODB_ENDPOINT", dynamoEndpoint);
        env.put("LEADBASE_SQS_ENDPOINT", sqsEndpoint);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    /** Sends {@code rounds} of a {@code GET} to each path through the stack's own HTTP API, with the seeded key. */
    void exercise(List<String> paths, int rounds) {
        ApiClient api = new ApiClient(runtime.baseUrl(), apiKey);
        for (int i = 0; i < rounds; i++) {
            for (String path : paths) {
                api.require("GET", path, null, 200);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            runtime.close();
        } finally {
            dynamo.stop();
        }
    }

    /** The scheme, host and port of the bench runtime's queues. */
    private static String sqsEndpoint(RunningRuntime bench) {
        String anyQueue = bench.template().queues().keySet().iterator().next();
        URI url = URI.create(bench.queueUrl(anyQueue));
        return url.getScheme() + "://" + url.getAuthority();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for DynamoDB Local", e);
        }
    }
}
