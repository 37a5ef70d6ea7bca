package dev.leadbase.it.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.access.domain.Visibility;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.shared.config.Config;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.shared.json.Json;
import dev.leadbase.webhooks.app.Webhooks;
import dev.leadbase.webhooks.domain.SubscriptionChange;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import dev.leadbase.webhooks.store.DynamoSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhook subscriptions through the API of the local runtime: the round trip, a secret shown only when it is made and
 * stored nowhere, rotation with the previous secret signing for 24 h, who may manage subscriptions (tenant-wide keys
 * holding webhooks:write, of their own tenant), where a URL may point (locally and on AWS) and the limits.
 */
class WebhookSubscriptionsTest {
    private static final String PATH = "/api/v2/webhooks";
    private static final String RECEIVER = "https://hooks.example.com/leadbase";

    @Test
    void aSubscriptionIsCreatedReadListedChangedAndDeleted() {
        ApiClient api = Fixture.newTenant(0).client();

        ApiResponse created = api.post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created", "lead.updated"),
                "description", "CRM sync"));

        assertEquals(201, created.status(), created.toString());
        JsonNode hook = created.data();
        String id = hook.path("id").asText();
        assertTrue(id.matches("wh_[A-Za-z0-9]{16}"), id);
        assertEquals(PATH + "/" + id, created.header("location"));
        assertEquals(RECEIVER, hook.path("url").asText());
        assertEquals(List.of("lead.created", "lead.updated"), texts(hook.path("events")));
        assertEquals("CRM sync", hook.path("description").asText());
        assertTrue(hook.path("enabled").asBoolean());
        assertTrue(hook.path("disabledReason").isNull());
        assertTrue(hook.path("previousSecretExpiresAt").isNull());

        ApiResponse read = api.get(PATH + "/" + id);
        assertEquals(200, read.status(), read.toString());
        assertEquals(withoutSecret(hook), read.data());
        ApiResponse listed = api.get(PATH);
        assertEquals(200, listed.status(), listed.toString());
        assertEquals(List.of(withoutSecret(hook)), list(listed.data().path("webhooks")));

        ApiResponse patched = api.patch(PATH + "/" + id, Map.of("url", "https://hooks.example.com/v2",
                "events", List.of("lead.deleted", "webhook.disabled"), "enabled", false));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals("https://hooks.example.com/v2", patched.data().path("url").asText());
        assertEquals(List.of("lead.deleted", "webhook.disabled"), texts(patched.data().path("events")));
        assertFalse(patched.data().path("enabled").asBoolean());
        assertEquals("CRM sync", patched.data().path("description").asText(), "fields not sent stay");
        assertEquals(patched.data(), api.get(PATH + "/" + id).data(), "the PATCH answer is what is stored");
        ApiResponse cleared = api.patch(PATH + "/" + id, obj("description", null));
        assertTrue(cleared.data().path("description").isNull(), cleared.toString());

        assertEquals(204, api.delete(PATH + "/" + id).status());
        assertEquals(404, api.get(PATH + "/" + id).status());
        assertEquals(404, api.delete(PATH + "/" + id).status());
        assertEquals(404, api.patch(PATH + "/" + id, Map.of("enabled", true)).status());
        assertEquals(404, api.post(PATH + "/" + id + "/rotate-secret", null).status());
        assertEquals(0, api.get(PATH).data().path("webhooks").size());
    }

    @Test
    void theSecretIsShownOnlyWhenMadeAndStoredNowhere() {
        TestTenant tenant = Fixture.newTenant(0);
        ApiClient api = tenant.client();
        String key = "create-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("url", RECEIVER, "events", List.of("lead.created"));

        ApiResponse created = api.post(PATH, body, "Idempotency-Key", key);

        assertEquals(201, created.status(), created.toString());
        String secret = created.data().path("secret").asText();
        assertTrue(secret.matches("whsec_[A-Za-z0-9_-]{43}"), secret);
        String id = created.data().path("id").asText();
        for (ApiResponse answer : List.of(api.get(PATH + "/" + id), api.get(PATH),
                api.patch(PATH + "/" + id, Map.of("description", "x")))) {
            assertEquals(200, answer.status(), answer.toString());
            assertFalse(answer.rawBody().contains("secret\""), "no secret field: " + answer.rawBody());
            assertFalse(answer.rawBody().contains(secret), answer.rawBody());
        }

        ApiResponse replayed = api.post(PATH, body, "Idempotency-Key", key);
        assertEquals(201, replayed.status(), replayed.toString());
        assertEquals("true", replayed.header("idempotent-replayed"));
        assertEquals(id, replayed.data().path("id").asText(), "the retry answers the first subscription");
        assertEquals(secret, replayed.data().path("secret").asText(), "and shows its secret again");
        assertEquals(1, api.get(PATH).data().path("webhooks").size());

        Map<String, AttributeValue> item = Fixture.runtime().dynamo().getItem(g -> g
                .tableName(Fixture.runtime().tableName("WebhooksTable"))
                .key(Map.of("tenantId", AttributeValue.fromS(tenant.tenantId()), "subscriptionId", AttributeValue.fromS(id)))
                .consistentRead(true)).item();
        assertFalse(item.isEmpty());
        assertFalse(item.toString().contains(secret.substring(6)), "the table holds no secret: " + item);
        Map<String, AttributeValue> remembered = Fixture.runtime().dynamo().getItem(g -> g
                .tableName(Fixture.runtime().tableName("IdempotencyTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(tenant.tenantId() + "#POST " + PATH + "#" + key)))
                .consistentRead(true)).item();
        assertFalse(remembered.isEmpty(), "the first answer is remembered");
        assertFalse(remembered.toString().contains(secret.substring(6)), "without the secret: " + remembered);

        assertEquals(204, api.delete(PATH + "/" + id).status());
        ApiResponse afterDelete = api.post(PATH, body, "Idempotency-Key", key);
        assertEquals(404, afterDelete.status(), "a replay cannot show the secret of a deleted subscription: " + afterDelete);
    }

    @Test
    void aRotatedSecretDiffersAndThePreviousOneSignsFor24Hours() {
        TestTenant tenant = Fixture.newTenant(0);
        ApiClient api = tenant.client();
        JsonNode created = api.post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created"))).data();
        String id = created.path("id").asText();
        String first = created.path("secret").asText();
        SubscriptionDirectory directory = directory();
        assertEquals(List.of(first), directory.signingSecrets(tenant.tenantId(), id, Instant.now()),
                "deliveries are signed with the secret the create showed");

        ApiResponse rotated = api.post(PATH + "/" + id + "/rotate-secret", null);

        assertEquals(200, rotated.status(), rotated.toString());
        String second = rotated.data().path("secret").asText();
        assertNotEquals(first, second);
        Instant at = Instant.parse(rotated.data().path("secretRotatedAt").asText());
        Instant expires = Instant.parse(rotated.data().path("previousSecretExpiresAt").asText());
        assertEquals(at.plus(Duration.ofHours(24)), expires);
        assertEquals(List.of(second, first), directory.signingSecrets(tenant.tenantId(), id, at));
        assertEquals(List.of(second, first), directory.signingSecrets(tenant.tenantId(), id, expires.minusSeconds(1)));
        assertEquals(List.of(second), directory.signingSecrets(tenant.tenantId(), id, expires));
        assertEquals(List.of(second), directory.signingSecrets(tenant.tenantId(), id, expires.plusSeconds(3600)));
        assertFalse(api.get(PATH + "/" + id).rawBody().contains(second), "GET never shows the secret");

        String third = api.post(PATH + "/" + id + "/rotate-secret", null).data().path("secret").asText();
        assertEquals(List.of(third, second), directory.signingSecrets(tenant.tenantId(), id, Instant.now()),
                "a second rotation within 24 h ends the first secret at once: at most two sign");
        assertEquals(List.of(), directory.signingSecrets(tenant.tenantId(), "wh_nothere", Instant.now()));
        assertEquals(List.of(), directory.signingSecrets(Fixture.newTenant(0).tenantId(), id, Instant.now()),
                "another tenant's directory has no such subscription");
    }

    @Test
    void aReplayRetriedWithItsIdempotencyKeyAnswersTheFirstAndQueuesNothingAgain() {
        ApiClient api = Fixture.newTenant(0).client();
        String id = api.post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created"))).data().path("id").asText();
        String replay = PATH + "/" + id + "/replay";
        Map<String, Object> body = Map.of("eventIds", List.of("evt_none"));

        ApiResponse first = api.post(replay, body, "Idempotency-Key", "replay-1");
        ApiResponse retried = api.post(replay, body, "Idempotency-Key", "replay-1");
        ApiResponse unkeyed = api.post(replay, body);

        assertEquals(202, first.status(), first.toString());
        assertEquals(202, retried.status(), retried.toString());
        assertEquals("true", retried.header("idempotent-replayed"));
        assertEquals(first.data().path("replayId").asText(), retried.data().path("replayId").asText(),
                "the retry is the first replay, not a second one");
        assertNotEquals(first.data().path("replayId").asText(), unkeyed.data().path("replayId").asText());
        ApiResponse misuse = api.post(replay, Map.of("eventIds", List.of("evt_other")), "Idempotency-Key", "replay-1");
        assertEquals(409, misuse.status(), misuse.toString());
    }

    @Test
    void ownKeysMayNotManageWebhooksEvenHoldingThePermission() {
        TestTenant tenant = Fixture.newTenant(0);
        String id = tenant.client().post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created")))
                .data().path("id").asText();
        ApiClient own = Fixture.withKey(tenant.tenantId(), "user_1", "own").client();

        List<ApiResponse> answers = List.of(own.get(PATH), own.post(PATH, Map.of("url", RECEIVER,
                        "events", List.of("lead.created"))), own.get(PATH + "/" + id),
                own.patch(PATH + "/" + id, Map.of("enabled", false)), own.delete(PATH + "/" + id),
                own.post(PATH + "/" + id + "/rotate-secret", null));

        for (ApiResponse r : answers) {
            assertEquals(403, r.status(), r.toString());
            assertEquals("PERMISSION_DENIED", r.body().path("code").asText());
            assertEquals("visibility:tenant", r.body().path("permissionHelp").path("required").asText(), r.toString());
        }
        JsonNode list = tenant.client().get(PATH).data().path("webhooks");
        assertEquals(1, list.size(), "the own key created nothing and deleted nothing");
        assertTrue(list.get(0).path("enabled").asBoolean(), "and changed nothing");
    }

    @Test
    void aKeyWithoutWebhooksWriteIsRefused() {
        TestTenant tenant = Fixture.newTenant(0, "leads:read", "leads:write", "keys:admin");

        ApiResponse r = tenant.client().post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created")));

        assertEquals(403, r.status(), r.toString());
        assertEquals("webhooks:write", r.body().path("permissionHelp").path("required").asText());
        assertEquals(403, tenant.client().get(PATH).status());
    }

    @Test
    void anotherTenantsSubscriptionIsAnsweredAsOneThatDoesNotExist() {
        ApiClient owner = Fixture.newTenant(0).client();
        ApiClient other = Fixture.newTenant(0).client();
        JsonNode created = owner.post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created"))).data();
        String id = created.path("id").asText();
        String absent = "wh_" + "a".repeat(16);

        for (String route : List.of("GET", "PATCH", "DELETE", "ROTATE")) {
            ApiResponse theirs = call(other, route, id);
            ApiResponse nothing = call(other, route, absent);
            assertEquals(404, theirs.status(), route + " " + theirs);
            assertEquals(nothing.body().path("message"), theirs.body().path("message"), route);
            assertFalse(theirs.rawBody().contains(id), route + " names the id: " + theirs);
        }
        assertEquals(withoutSecret(created), owner.get(PATH + "/" + id).data(), "untouched");
        assertEquals(0, other.get(PATH).data().path("webhooks").size());
    }

    @Test
    void locallyLoopbackReceiversAreAcceptedAndPrivateOrMetadataAddressesRefused() {
        ApiClient api = Fixture.newTenant(0).client();
        for (String ok : List.of("http://127.0.0.1:8085/hook", "http://localhost:9000/x?y=1", "http://localhost",
                "https://127.0.0.1:8443/",
                "https://hooks.example.com/a?b=c", "HTTPS://Hooks.Example.com:8443/path", "https://93.184.216.34/hook",
                "https://[2606:4700::1111]/hook")) {
            ApiResponse r = api.post(PATH, Map.of("url", ok, "events", List.of("lead.created")));
            assertEquals(201, r.status(), ok + ": " + r);
            assertEquals(204, api.delete(PATH + "/" + r.data().path("id").asText()).status());
        }
        for (String refused : List.of("http://hooks.example.com/x", "ftp://hooks.example.com/", "https://10.1.2.3/",
                "https://172.16.0.9/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/", "https://[::1]/", "https://127.0.0.2/", "https://0.0.0.0/",
                "https://100.64.0.1/", "https://224.0.0.1/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/",
                "https://localhost.localhost/", "https://2130706433/", "https://0x7f.1/", "https://user:pw@hooks.example.com/",
                "https://hooks.example.com/#frag", "hooks.example.com/x", "http://[::1]:8080/", "https://hooks.exa mple.com/")) {
            ApiResponse r = api.post(PATH, Map.of("url", refused, "events", List.of("lead.created")));
            assertEquals(400, r.status(), refused + ": " + r);
            assertEquals("VALIDATION_ERROR", r.body().path("code").asText());
            assertTrue(r.body().path("details").path("invalidFields").has("url"), refused + ": " + r);
        }
        String id = api.post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created"))).data().path("id").asText();
        ApiResponse patched = api.patch(PATH + "/" + id, Map.of("url", "https://169.254.169.254/"));
        assertEquals(400, patched.status(), patched.toString());
        assertEquals(RECEIVER, api.get(PATH + "/" + id).data().path("url").asText(), "a refused PATCH changes nothing");
        assertEquals(1, api.get(PATH).data().path("webhooks").size(), "nothing refused was stored");
    }

    @Test
    void onAwsOnlyHttpsIsAcceptedAndLoopbackIsRefused() {
        TestTenant tenant = Fixture.newTenant(0);
        // the create function as deployed: without the variable the local runtime sets
        LocalFunction aws = Fixture.runtime().function("CreateWebhookFunction").over(Fixture.runtime().dynamo(),
                Map.of(WebhooksWiring.LOCAL_VARIABLE, ""));
        for (String refused : List.of("http://127.0.0.1:8085/hook", "http://localhost:9000/x", "https://localhost/",
                "https://127.0.0.1/", "http://hooks.example.com/")) {
            APIGatewayV2HTTPResponse r = create(aws, tenant.apiKey(), refused);
            assertEquals(400, r.getStatusCode(), refused + ": " + r.getBody());
            assertTrue(r.getBody().contains("\"url\""), r.getBody());
        }
        APIGatewayV2HTTPResponse ok = create(aws, tenant.apiKey(), RECEIVER);
        assertEquals(201, ok.getStatusCode(), ok.getBody());
        assertEquals(1, tenant.client().get(PATH).data().path("webhooks").size());
    }

    @Test
    void bodiesOutsideTheLimitsAreRefusedAndATenantHoldsAtMost25() {
        ApiClient api = Fixture.newTenant(0).client();
        List<Map<String, Object>> bad = List.of(
                Map.of("url", RECEIVER),
                Map.of("events", List.of("lead.created")),
                Map.of("url", RECEIVER, "events", List.of()),
                Map.of("url", RECEIVER, "events", List.of("lead.created", "lead.created")),
                Map.of("url", RECEIVER, "events", List.of("lead.exploded")),
                Map.of("url", RECEIVER, "events", "lead.created"),
                Map.of("url", "https://hooks.example.com/" + "a".repeat(2048 - 26 + 1), "events", List.of("lead.created")),
                Map.of("url", RECEIVER, "events", List.of("lead.created"), "description", "d".repeat(501)),
                Map.of("url", RECEIVER, "events", List.of("lead.created"), "enabled", "yes"),
                Map.of("url", RECEIVER, "events", List.of("lead.created"), "secret", "mine"));
        for (Map<String, Object> body : bad) {
            ApiResponse r = api.post(PATH, body);
            assertEquals(400, r.status(), body + ": " + r);
            assertFalse(r.body().path("details").path("invalidFields").isEmpty(), r.toString());
        }
        ApiResponse longest = api.post(PATH, Map.of("url", "https://hooks.example.com/" + "a".repeat(2048 - 26),
                "events", List.of("webhook.disabled"), "description", "d".repeat(500), "enabled", false));
        assertEquals(201, longest.status(), "2,048 characters of URL and 500 of description: " + longest);
        assertFalse(longest.data().path("enabled").asBoolean());
        ApiResponse empty = api.patch(PATH + "/" + longest.data().path("id").asText(), Map.of());
        assertEquals(400, empty.status(), "a PATCH that changes nothing: " + empty);

        List<String> ids = new ArrayList<>(List.of(longest.data().path("id").asText()));
        for (int i = 1; i < 25; i++) {
            ApiResponse r = api.post(PATH, Map.of("url", RECEIVER + "/" + i, "events", List.of("lead.created")));
            assertEquals(201, r.status(), r.toString());
            ids.add(r.data().path("id").asText());
        }
        ApiResponse over = api.post(PATH, Map.of("url", RECEIVER + "/26", "events", List.of("lead.created")));
        assertEquals(409, over.status(), over.toString());
        assertEquals("CONFLICT", over.body().path("code").asText());
        assertEquals(25, over.body().path("details").path("limit").asInt());
        assertEquals(25, walk(api).size());
        assertEquals(ids, walk(api), "oldest first, each once, page after page");

        assertEquals(204, api.delete(PATH + "/" + ids.get(3)).status());
        assertEquals(201, api.post(PATH, Map.of("url", RECEIVER + "/26", "events", List.of("lead.created"))).status(),
                "a deleted subscription frees its place");
    }

    @Test
    void enablingADisabledSubscriptionClearsItsReasonAndResumesItsDeliveries() {
        TestTenant tenant = Fixture.newTenant(0);
        String id = tenant.client().post(PATH, Map.of("url", RECEIVER, "events", List.of("lead.created")))
                .data().path("id").asText();
        SubscriptionDirectory directory = directory();
        assertTrue(directory.disable(tenant.tenantId(), id, "72 h of failed deliveries", Instant.now()));
        assertFalse(directory.disable(tenant.tenantId(), id, "again", Instant.now()), "only an enabled one is disabled");
        JsonNode disabled = tenant.client().get(PATH + "/" + id).data();
        assertFalse(disabled.path("enabled").asBoolean());
        assertEquals("72 h of failed deliveries", disabled.path("disabledReason").asText());
        assertFalse(directory.find(tenant.tenantId(), id).orElseThrow().wants(dev.leadbase.changes.domain.ChangeType.LEAD_CREATED));

        List<String> resumed = new ArrayList<>();
        Webhooks webhooks = new Webhooks(store(), new WebhooksWiring(components()).urlPolicy(),
                (t, s) -> resumed.add(t + "/" + s), () -> { throw new AssertionError("no list here"); }, Clock.systemUTC());
        Principal caller = new Principal(tenant.tenantId(), "user_1", tenant.keyId(), Set.of(Permission.WEBHOOKS_WRITE),
                Visibility.TENANT);
        webhooks.update(caller, id, new SubscriptionChange(null, null, "renamed", false, null));
        assertEquals(List.of(), resumed, "a change that does not enable resumes nothing");

        webhooks.update(caller, id, new SubscriptionChange(null, null, null, false, true));

        assertEquals(List.of(tenant.tenantId() + "/" + id), resumed, "what waited is sent");
        JsonNode enabled = tenant.client().get(PATH + "/" + id).data();
        assertTrue(enabled.path("enabled").asBoolean());
        assertTrue(enabled.path("disabledReason").isNull(), enabled.toString());
        webhooks.update(caller, id, new SubscriptionChange(null, null, null, false, true));
        assertEquals(1, resumed.size(), "enabling one that is enabled resumes nothing");
        assertTrue(directory.ofTenant(tenant.tenantId()).getFirst().enabled());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The directory as the delivery part builds it, over the create function's configuration. */
    private static SubscriptionDirectory directory() {
        return new WebhooksWiring(components()).subscriptionDirectory();
    }

    private static DynamoSubscriptions store() {
        Components c = components();
        return new DynamoSubscriptions(c.dynamo(), Tables.WEBHOOKS.in(c.config()),
                () -> c.secrets().required(WebhooksWiring.SECRET_KEY));
    }

    private static Components components() {
        return Components.of(Config.of(Fixture.runtime().function("CreateWebhookFunction").environment()),
                Fixture.runtime().dynamo(), Fixture.runtime().sqs(), Clock.systemUTC());
    }

    private static List<String> walk(ApiClient api) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(PATH + "?limit=7" + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))).data();
            page.path("webhooks").forEach(w -> ids.add(w.path("id").asText()));
            cursor = page.path("pagination").path("nextCursor").isTextual()
                    ? page.path("pagination").path("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private static ApiResponse call(ApiClient client, String route, String id) {
        return switch (route) {
            case "GET" -> client.get(PATH + "/" + id);
            case "PATCH" -> client.patch(PATH + "/" + id, Map.of("enabled", false));
            case "DELETE" -> client.delete(PATH + "/" + id);
            default -> client.post(PATH + "/" + id + "/rotate-secret", null);
        };
    }

    private static APIGatewayV2HTTPResponse create(LocalFunction function, String apiKey, String url) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("POST " + PATH);
        event.setRawPath(PATH);
        event.setRawQueryString("");
        event.setHeaders(Map.of("x-api-key", apiKey, "content-type", "application/json"));
        event.setBody(Json.write(Map.of("url", url, "events", List.of("lead.created"))));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey("POST " + PATH);
        context.setStage("$default");
        context.setTimeEpoch(System.currentTimeMillis());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(PATH);
        http.setSourceIp("127.0.0.1");
        context.setHttp(http);
        event.setRequestContext(context);
        return (APIGatewayV2HTTPResponse) function.invoke(event);
    }

    private static JsonNode withoutSecret(JsonNode hook) {
        var copy = hook.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("secret");
        return copy;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, Object> obj(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
