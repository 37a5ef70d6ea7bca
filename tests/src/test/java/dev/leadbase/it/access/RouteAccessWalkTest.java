package dev.leadbase.it.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.local.template.Template;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every HttpApi route of template.yaml, read with openapi.yaml, and checks that no route lets an {@code own}
 * key reach what is not its user's. Which routes reach a lead, a key or a job is derived from the contract: an id
 * in the path (named by the segment before it, or {@code leadId}/{@code keyId}), {@code leadId}/{@code keyId} in
 * the documented request body, or a lead's unique {@code email} in it. Each such route needs a probe below, so a
 * route documented tomorrow fails here until it has one; each probe shows that bob's key gets for alice's lead,
 * key or job exactly the answer it gets for an id that does not exist (and a success for its own).
 */
class RouteAccessWalkTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a route reaches, and how it names it. */
    enum Reach { LEAD_ID, KEY_ID, JOB_ID, LEAD_EMAIL }

    /** One call of a route by a key, naming {@code subject} (an id, or an email for LEAD_EMAIL). */
    @FunctionalInterface
    interface Probe {
        ApiResponse call(ApiClient client, String subject);
    }

    private static JsonNode spec;
    private static TestTenant tenant;
    private static ApiClient admin;
    private static TestTenant alice;
    private static TestTenant bob;
    private static String ruleset;
    private static String alicesLead;
    private static String alicesEmail = "alice.smith@walk.io";
    private static String bobsLead;
    private static String bobsEmail = "bob.walker@walk.io";
    private static String alicesJob;
    private static String tenantJob;
    private static String bobsJob;
    private static final Map<Reach, Map<String, Probe>> PROBES = new LinkedHashMap<>();

    static {
        Map<String, Probe> lead = new TreeMap<>();
        lead.put("GET /api/v2/leads/{id}", (c, id) -> c.get("/api/v2/leads/" + id));
        lead.put("PATCH /api/v2/leads/{id}", (c, id) -> c.patch("/api/v2/leads/" + id, Map.of("notes", "walked")));
        lead.put("DELETE /api/v2/leads/{id}", (c, id) -> c.delete("/api/v2/leads/" + id));
        lead.put("GET /api/v2/leads/{id}/events", (c, id) -> c.get("/api/v2/leads/" + id + "/events"));
        lead.put("GET /api/v2/leads/{id}/score", (c, id) -> c.get("/api/v2/leads/" + id + "/score"));
        lead.put("POST /api/v2/events", (c, id) -> c.post("/api/v2/events",
                Map.of("events", List.of(Map.of("leadId", id, "type", "demo_request")))));
        lead.put("POST /api/v2/enrich", (c, id) -> c.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("leadId", id)))));
        lead.put("POST /api/v2/scoring/rulesets/{id}/test", (c, id) -> c.post("/api/v2/scoring/rulesets/" + ruleset
                + "/test", Map.of("leadId", id)));
        PROBES.put(Reach.LEAD_ID, lead);
        PROBES.put(Reach.KEY_ID, new TreeMap<>(Map.of(
                "DELETE /api/v2/api-keys/{keyId}", (c, id) -> c.delete("/api/v2/api-keys/" + id))));
        PROBES.put(Reach.JOB_ID, new TreeMap<>(Map.of(
                "GET /api/v2/enrich/{jobId}", (c, id) -> c.get("/api/v2/enrich/" + id))));
        Map<String, Probe> email = new TreeMap<>();
        email.put("POST /api/v2/leads", (c, e) -> c.post("/api/v2/leads", Map.of("email", e)));
        email.put("POST /api/v2/leads/batch", (c, e) -> c.post("/api/v2/leads/batch", Map.of("leads", List.of(Map.of("email", e)))));
        email.put("PATCH /api/v2/leads/{id}", (c, e) -> c.patch("/api/v2/leads/" + newLead(c), Map.of("email", e)));
        email.put("POST /api/v2/enrich", (c, e) -> c.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", e)))));
        PROBES.put(Reach.LEAD_EMAIL, email);
    }

    @BeforeAll
    static void data() throws IOException {
        spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        tenant = Fixture.newTenant(100);
        admin = tenant.client();
        alice = Fixture.withKey(tenant.tenantId(), "alice", "own");
        bob = Fixture.withKey(tenant.tenantId(), "bob", "own");
        ApiResponse r = admin.post("/api/v2/scoring/rulesets", Map.of("name", "Walk", "type", "engagement",
                "primary", true, "rules", List.of(Map.of("eventType", "demo_request", "points", 30))));
        assertEquals(201, r.status(), r.toString());
        ruleset = r.data().path("id").asText();
        Fixture.drained(WAIT, "RescoreQueue");
        alicesLead = created(alice.client().post("/api/v2/leads", Map.of("email", alicesEmail)));
        bobsLead = created(bob.client().post("/api/v2/leads", Map.of("email", bobsEmail)));
        assertEquals(202, alice.client().post("/api/v2/events",
                Map.of("events", List.of(Map.of("leadId", alicesLead, "type", "demo_request")))).status());
        alicesJob = job(alice.client(), "ann.lee@walk.io");
        tenantJob = job(admin, "tom.tenant@walk.io");
        bobsJob = job(bob.client(), "bea.bob@walk.io");
        Fixture.drained(WAIT, "EventsQueue");
        Fixture.drained(WAIT, "EnrichmentQueue");
    }

    @Test
    void everyRouteNamingALeadAKeyOrAJobHasAnAccessProbe() {
        Map<Reach, Set<String>> derived = reachingRoutes();
        for (Reach reach : Reach.values()) {
            assertEquals(derived.get(reach), PROBES.get(reach).keySet(), reach + ": the routes the contract says reach "
                    + "this (left) and the routes probed here (right) differ; add a probe for a new route");
        }
    }

    @Test
    void everyTemplateRouteIsDocumentedSoThatTheWalkSeesIt() {
        for (String route : templateRoutes()) {
            String[] mp = route.split(" ", 2);
            assertTrue(spec.path("paths").path(mp[1]).has(mp[0].toLowerCase(Locale.ROOT)),
                    route + " is in template.yaml but not in openapi.yaml");
        }
    }

    @Test
    void anOwnKeyGetsForAnotherUsersLeadExactlyWhatItGetsForALeadThatDoesNotExist() {
        for (var probe : PROBES.get(Reach.LEAD_ID).entrySet()) {
            assertHiddenAsAbsent(probe.getKey(), probe.getValue(), alicesLead, absentLike(alicesLead));
            ApiResponse own = probe.getValue().call(bob.client(), newLead(bob.client()));
            assertTrue(own.status() / 100 == 2, probe.getKey() + " on bob's own lead: " + own);
        }
        JsonNode lead = admin.get("/api/v2/leads/" + alicesLead).data();
        assertEquals(1, lead.path("version").asLong(), "alice's lead is unchanged: " + lead);
    }

    @Test
    void anOwnKeyGetsForAnotherUsersKeyExactlyWhatItGetsForAKeyThatDoesNotExist() {
        for (var probe : PROBES.get(Reach.KEY_ID).entrySet()) {
            for (String others : List.of(alice.keyId(), tenant.keyId())) {
                assertHiddenAsAbsent(probe.getKey(), probe.getValue(), others, absentLike(others));
            }
            TestTenant spare = Fixture.withKey(tenant.tenantId(), "bob", "own", "leads:read");
            ApiResponse own = probe.getValue().call(bob.client(), spare.keyId());
            assertTrue(own.status() / 100 == 2, probe.getKey() + " on bob's own key: " + own);
        }
        assertEquals(200, alice.client().get("/api/v2/leads").status(), "alice's key still works");
        assertEquals(200, admin.get("/api/v2/leads").status(), "the tenant-wide key still works");
    }

    @Test
    void anOwnKeyGetsForAnotherUsersJobExactlyWhatItGetsForAJobThatDoesNotExist() {
        for (var probe : PROBES.get(Reach.JOB_ID).entrySet()) {
            for (String others : List.of(alicesJob, tenantJob)) {
                assertHiddenAsAbsent(probe.getKey(), probe.getValue(), others, absentLike(others));
            }
            ApiResponse own = probe.getValue().call(bob.client(), bobsJob);
            assertTrue(own.status() / 100 == 2, probe.getKey() + " on bob's own job: " + own);
        }
    }

    @Test
    void anOwnKeyNamingAnotherUsersLeadByEmailNeverLearnsOrTouchesIt() {
        for (var probe : PROBES.get(Reach.LEAD_EMAIL).entrySet()) {
            String answer = answerAndJob(probe.getValue().call(bob.client(), alicesEmail));
            assertFalse(answer.contains(alicesLead), probe.getKey() + " named alice's lead: " + answer);
            String own = answerAndJob(probe.getValue().call(bob.client(), bobsEmail));
            assertTrue(own.contains(bobsLead), probe.getKey() + " does not name bob's own lead: " + own);
        }
        JsonNode lead = admin.get("/api/v2/leads/" + alicesLead).data();
        assertEquals(1, lead.path("version").asLong(), "alice's lead is unchanged: " + lead);
        assertTrue(lead.path("enrichedAt").isMissingNode() || lead.path("enrichedAt").isNull(), lead.toString());
    }

    @Test
    void noListOrReadWithoutIdsShowsAnOwnKeyAnythingOfAnotherUser() {
        List<String> foreign = List.of(alicesLead, alicesEmail, alice.keyId(), tenant.keyId(), alicesJob, tenantJob);
        for (String route : templateRoutes()) {
            String[] mp = route.split(" ", 2);
            if (!mp[0].equals("GET") || mp[1].contains("{")) {
                continue;
            }
            ApiResponse r = bob.client().get(mp[1]);
            if (tenantOnly(route)) {
                assertEquals(403, r.status(), route + " is for tenant-wide keys only: " + r);
                continue;
            }
            assertEquals(200, r.status(), route + ": " + r);
            for (String f : foreign) {
                assertFalse(r.rawBody().contains(f), route + " shows bob " + f + ": " + r.rawBody());
            }
        }
    }

    /**
     * Routes documented {@code x-leadbase-visibility: tenant} (webhook subscriptions, which receive every lead's events)
     * refuse an {@code own} key that holds their permission, whatever they name, with the policy's 403; a tenant-wide
     * key is served.
     */
    @Test
    void tenantOnlyRoutesRefuseOwnKeysHoldingTheirPermission() {
        Set<String> tenantOnly = new TreeSet<>();
        for (String route : templateRoutes()) {
            if (!tenantOnly(route)) {
                continue;
            }
            tenantOnly.add(route);
            String[] mp = route.split(" ", 2);
            JsonNode example = spec.path("paths").path(mp[1]).path(mp[0].toLowerCase(Locale.ROOT)).path("requestBody")
                    .path("content").path("application/json").path("example");
            String path = PATH_PARAM.matcher(mp[1]).replaceAll("wh_walk0000000000");
            ApiResponse r = bob.client().send(mp[0], path, example.isMissingNode() ? null : example.toString());
            assertEquals(403, r.status(), route + " with an own key: " + r);
            assertEquals("visibility:tenant", r.body().path("permissionHelp").path("required").asText(), route + ": " + r);
        }
        assertTrue(tenantOnly.contains("GET /api/v2/webhooks"), "tenant-only routes are found: " + tenantOnly);
        assertEquals(200, admin.get("/api/v2/webhooks").status(), "a tenant-wide key is served");
    }

    private static boolean tenantOnly(String route) {
        String[] mp = route.split(" ", 2);
        return "tenant".equals(spec.path("paths").path(mp[1]).path(mp[0].toLowerCase(Locale.ROOT))
                .path("x-leadbase-visibility").asText());
    }

    @Test
    void routesOutsideThePolicyTakeOnlyThePlatformAdminKey() {
        for (String route : templateRoutes()) {
            if (!route.contains(" /api/v2/admin/")) {
                continue;
            }
            String[] mp = route.split(" ", 2);
            ApiResponse r = bob.client().send(mp[0], PATH_PARAM.matcher(mp[1]).replaceAll("x"), Map.of());
            assertEquals(401, r.status(), route + " with an own key: " + r);
        }
    }

    private static void assertHiddenAsAbsent(String route, Probe probe, String hidden, String absent) {
        ApiResponse toHidden = probe.call(bob.client(), hidden);
        ApiResponse toAbsent = probe.call(bob.client(), absent);
        assertTrue(toHidden.status() >= 400 && toHidden.status() < 500, route + " on another user's " + hidden + ": "
                + toHidden);
        assertEquals(Bodies.normalised(toAbsent, absent), Bodies.normalised(toHidden, hidden),
                route + ": another user's id must be answered as an id that does not exist");
    }

    /** The answer, and when it queued a job, the finished job as its caller reads it. */
    private static String answerAndJob(ApiResponse answer) {
        String jobId = answer.data() == null ? "" : answer.data().path("jobId").asText("");
        if (jobId.isEmpty()) {
            return answer.rawBody();
        }
        AtomicReference<String> job = new AtomicReference<>();
        Fixture.eventually(WAIT, "job " + jobId, () -> {
            ApiResponse r = bob.client().get("/api/v2/enrich/" + jobId);
            job.set(r.rawBody());
            String status = r.data().path("status").asText();
            return !status.equals("queued") && !status.equals("running");
        });
        return answer.rawBody() + job.get();
    }

    /** The routes of template.yaml, as "METHOD path", without the catch-all. */
    private static Set<String> templateRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Template.Function f : Template.load(Path.of("template.yaml")).functions().values()) {
            for (Template.Event e : f.events()) {
                if (e instanceof Template.HttpApiEvent http && http.path().startsWith("/")) {
                    routes.add(http.method().toUpperCase(Locale.ROOT) + " " + http.path());
                }
            }
        }
        return routes;
    }

    /** Which template routes reach what, by their path and their documented request body. */
    private static Map<Reach, Set<String>> reachingRoutes() {
        Map<Reach, Set<String>> out = new LinkedHashMap<>();
        for (Reach r : Reach.values()) {
            out.put(r, new TreeSet<>());
        }
        for (String route : templateRoutes()) {
            String[] mp = route.split(" ", 2);
            if (mp[1].startsWith("/api/v2/admin/")) {
                continue; // the platform admin key's, see routesOutsideThePolicyTakeOnlyThePlatformAdminKey
            }
            Matcher params = PATH_PARAM.matcher(mp[1]);
            while (params.find()) {
                String before = mp[1].substring(0, params.start() - 1);
                String segment = before.substring(before.lastIndexOf('/') + 1);
                String name = params.group(1);
                if (segment.equals("leads") || name.equals("leadId")) {
                    out.get(Reach.LEAD_ID).add(route);
                } else if (segment.equals("api-keys") || name.equals("keyId")) {
                    out.get(Reach.KEY_ID).add(route);
                } else if (segment.equals("enrich") || name.equals("jobId")) {
                    out.get(Reach.JOB_ID).add(route);
                }
            }
            JsonNode operation = spec.path("paths").path(mp[1]).path(mp[0].toLowerCase(Locale.ROOT));
            Set<String> fields = new HashSet<>();
            collectFields(operation.path("requestBody").path("content").path("application/json").path("schema"),
                    fields, new HashSet<>());
            if (fields.contains("leadId")) {
                out.get(Reach.LEAD_ID).add(route);
            }
            if (fields.contains("keyId")) {
                out.get(Reach.KEY_ID).add(route);
            }
            if (fields.contains("jobId")) {
                out.get(Reach.JOB_ID).add(route);
            }
            if (fields.contains("email")) {
                out.get(Reach.LEAD_EMAIL).add(route);
            }
        }
        return out;
    }

    /** Every property name a schema allows, at any depth, following $refs. */
    private static void collectFields(JsonNode schema, Set<String> fields, Set<String> seen) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            if (seen.add(ref)) {
                collectFields(spec.at(ref.substring(1)), fields, seen);
            }
            return;
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            fields.add(p.getKey());
            collectFields(p.getValue(), fields, seen);
        });
        collectFields(schema.path("items"), fields, seen);
        collectFields(schema.path("additionalProperties"), fields, seen);
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(combinator).forEach(s -> collectFields(s, fields, seen));
        }
    }

    /** An id of the same prefix and length as {@code real} that names nothing. */
    private static String absentLike(String real) {
        int cut = real.indexOf('_') + 1;
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(real.substring(0, cut));
        for (int i = cut; i < real.length(); i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String newLead(ApiClient client) {
        return created(client.post("/api/v2/leads", Map.of("firstName", "Walk", "lastName", "Er",
                "company", "Walk Co " + RANDOM.nextInt(1_000_000))));
    }

    private static String created(ApiResponse r) {
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    private static String job(ApiClient client, String email) {
        ApiResponse r = client.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", email))));
        assertEquals(202, r.status(), r.toString());
        return r.data().path("jobId").asText();
    }
}
