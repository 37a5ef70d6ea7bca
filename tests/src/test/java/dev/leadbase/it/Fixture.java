package dev.leadbase.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.core.auth.KeyHasher;
import dev.leadbase.local.LocalRuntime;
import dev.leadbase.local.Options;
import dev.leadbase.local.RunningRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One local runtime per test JVM (DynamoDB Local, ElasticMQ, every function of template.yaml, the
 * HTTP API on a free loopback port, pollers and schedules), and fresh tenants made through the
 * real admin API so that test classes never see each other's data.
 */
public final class Fixture {
    public static final String ADMIN_KEY = "lb_admin_" + KeyHasher.newId("test");
    public static final List<String> ALL_PERMISSIONS = List.of("leads:read", "leads:write", "leads:enrich",
            "scoring:read", "scoring:write", "events:write", "keys:admin");
    private static RunningRuntime runtime;

    private Fixture() {
    }

    /** The shared runtime, started on first use and closed when the JVM exits. */
    public static synchronized RunningRuntime runtime() {
        if (runtime == null) {
            Options options = Options.defaults().withPort(0)
                    .withParameters(Map.of("BootstrapKeyHash", KeyHasher.sha256(ADMIN_KEY),
                            // revocation must show at once in tests; deployed functions cache 30 s
                            "KeyCacheTtlSeconds", "0"));
            runtime = LocalRuntime.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        }
        return runtime;
    }

    public static String baseUrl() {
        return runtime().baseUrl();
    }

    /** A client holding the platform admin (bootstrap) key. */
    public static TestClient admin() {
        return new TestClient(baseUrl(), ADMIN_KEY);
    }

    /** A client holding no key at all. */
    public static TestClient anonymous() {
        return new TestClient(baseUrl(), null);
    }

    /** A new tenant with {@code credits} and one tenant-wide key with {@code permissions} (all when none given). */
    public static TestTenant newTenant(long credits, String... permissions) {
        TestResponse tenant = admin().post("/api/v2/admin/tenants", Map.of("name", "test tenant", "credits", credits));
        require(tenant, 201);
        String tenantId = tenant.data().path("tenantId").asText();
        return withKey(tenantId, "user_1", "tenant", permissions);
    }

    /** Another key of an existing tenant. */
    public static TestTenant withKey(String tenantId, String userId, String visibility, String... permissions) {
        List<String> granted = permissions.length == 0 ? ALL_PERMISSIONS : Arrays.asList(permissions);
        TestResponse key = admin().post("/api/v2/admin/tenants/" + tenantId + "/api-keys",
                Map.of("userId", userId, "permissions", granted, "visibility", visibility));
        require(key, 201);
        JsonNode data = key.data();
        String apiKey = data.path("apiKey").asText();
        return new TestTenant(tenantId, apiKey, data.path("keyId").asText(), new TestClient(baseUrl(), apiKey));
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

    private static void require(TestResponse response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Fixture call failed: " + response);
        }
    }
}
