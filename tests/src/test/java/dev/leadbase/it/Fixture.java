package dev.leadbase.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.local.ExternalBackends;
import dev.leadbase.local.LocalRuntime;
import dev.leadbase.local.Options;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.local.aws.AwsSemantics;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One local runtime per test JVM (DynamoDB Local, ElasticMQ, every function of template.yaml, the
 * HTTP API on a free loopback port, pollers and schedules), and fresh tenants made through the
 * real admin API so that test classes never see each other's data.
 *
 * <p>With {@code -Dleadbase.backend=localstack} the tables and queues live in LocalStack (one container per
 * JVM, through Testcontainers) instead; without a Docker engine every test that needs the runtime is skipped.
 */
public final class Fixture {
    public static final String ADMIN_KEY = "lb_admin_" + KeyHasher.newId("test");
    public static final List<String> ALL_PERMISSIONS = List.of("leads:read", "leads:write", "leads:enrich",
            "scoring:read", "scoring:write", "events:write", "keys:admin", "webhooks:write");
    /** System property choosing the backends: {@code embedded} (the default) or {@code localstack}. */
    public static final String BACKEND_PROPERTY = "leadbase.backend";
    /**
     * System property turning on the AWS-semantics mode of the runtime (eventual reads, lagging indexes and streams,
     * transaction conflicts, throttles, SQS redeliveries), e.g. {@code seed=42} (the random seed); the {@code aws-semantics} execution
     * of tests/pom.xml sets it.
     */
    public static final String AWS_SEMANTICS_PROPERTY = "leadbase.awsSemantics";
    private static final String LOCALSTACK_IMAGE = "localstack/localstack:3.8";
    private static RunningRuntime runtime;
    private static LocalStackContainer localStack;

    private Fixture() {
    }

    /**
     * The shared runtime, started on first use and closed when the JVM exits. With the LocalStack backend and
     * no Docker engine it aborts the calling test, which then reports as skipped.
     */
    public static synchronized RunningRuntime runtime() {
        if (runtime == null) {
            Options options = Options.defaults().withPort(0)
                    .withParameters(Map.of("BootstrapKeyHash", KeyHasher.sha256(ADMIN_KEY),
                            // revocation must show at once in tests; deployed functions cache 30 s
                            "KeyCacheTtlSeconds", "0"));
            if (usesLocalStack()) {
                options = options.withExternalBackends(localStack());
            }
            if (awsSemantics() != null) {
                options = options.withAwsSemantics(awsSemantics());
            }
            runtime = LocalRuntime.start(options);
            RunningRuntime started = runtime;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                if (localStack != null) {
                    localStack.stop();
                }
            }));
        }
        return runtime;
    }

    /** The settings of the AWS-semantics mode these tests run in, or null when it is off. */
    public static AwsSemantics awsSemantics() {
        String spec = System.getProperty(AWS_SEMANTICS_PROPERTY, "").trim();
        return spec.isEmpty() || spec.equals("off") ? null : AwsSemantics.parse(spec);
    }

    private static boolean usesLocalStack() {
        String backend = System.getProperty(BACKEND_PROPERTY, "").trim();
        return switch (backend) {
            case "", "embedded" -> false;
            case "localstack" -> true;
            default -> throw new IllegalStateException("-D" + BACKEND_PROPERTY + "=" + backend
                    + " is not a backend; use embedded or localstack");
        };
    }

    /** LocalStack (DynamoDB and SQS) in Docker, started once per JVM. */
    private static ExternalBackends localStack() {
        if (localStack == null) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                Assumptions.abort("No Docker engine: the LocalStack profile is skipped");
            }
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                    .withServices(Service.DYNAMODB, Service.SQS);
            container.start();
            localStack = container;
        }
        return new ExternalBackends(localStack.getEndpointOverride(Service.DYNAMODB),
                localStack.getEndpointOverride(Service.SQS), localStack.getRegion(),
                localStack.getAccessKey(), localStack.getSecretKey());
    }

    public static String baseUrl() {
        return runtime().baseUrl();
    }

    /** A client holding the platform admin (bootstrap) key. */
    public static ApiClient admin() {
        return new ApiClient(baseUrl(), ADMIN_KEY);
    }

    /** A client holding no key at all. */
    public static ApiClient anonymous() {
        return new ApiClient(baseUrl(), null);
    }

    /** A new tenant with {@code credits} and one tenant-wide key with {@code permissions} (all when none given). */
    public static TestTenant newTenant(long credits, String... permissions) {
        ApiResponse tenant = admin().post("/api/v2/admin/tenants", Map.of("name", "test tenant", "credits", credits));
        require(tenant, 201);
        String tenantId = tenant.data().path("tenantId").asText();
        return withKey(tenantId, "user_1", "tenant", permissions);
    }

    /** Another key of an existing tenant. */
    public static TestTenant withKey(String tenantId, String userId, String visibility, String... permissions) {
        List<String> granted = permissions.length == 0 ? ALL_PERMISSIONS : Arrays.asList(permissions);
        ApiResponse key = admin().post("/api/v2/admin/tenants/" + tenantId + "/api-keys",
                Map.of("userId", userId, "permissions", granted, "visibility", visibility));
        require(key, 201);
        JsonNode data = key.data();
        String apiKey = data.path("apiKey").asText();
        return new TestTenant(tenantId, apiKey, data.path("keyId").asText(), new ApiClient(baseUrl(), apiKey));
    }

    /**
     * Waits as long as indexes and streams may lag behind their table in the AWS-semantics mode (no wait otherwise):
     * for a test that lists through an index right after writing, which DynamoDB does not promise to show at once.
     */
    public static void awaitIndexes() {
        AwsSemantics mode = awsSemantics();
        if (mode == null) {
            return;
        }
        pause(Math.max(mode.indexLagMs(), mode.streamLagMs()) + 100);
    }

    /**
     * Waits as long as an eventually consistent read may answer an item as it was in the AWS-semantics mode (no wait
     * otherwise): for a test that reads a total or an item eventually right after writing it.
     */
    public static void awaitStaleReads() {
        AwsSemantics mode = awsSemantics();
        if (mode != null) {
            pause(mode.staleMs() + 100);
        }
    }

    /** Sleeps {@code ms} (a test waiting out a time the product counts, e.g. a coalescing window). */
    public static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code condition} holds (for work done by pollers), failing after {@code timeout}. */
    public static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until the queue holds no message, visible or in flight (its worker has finished everything sent). */
    public static void drained(Duration timeout, String queueLogicalId) {
        String url = runtime().queueUrl(queueLogicalId);
        eventually(timeout, queueLogicalId + " drained", () -> {
            Map<QueueAttributeName, String> a = runtime().sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return a.values().stream().allMatch("0"::equals);
        });
    }

    private static void require(ApiResponse response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Fixture call failed: " + response);
        }
    }
}
