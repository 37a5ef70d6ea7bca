package dev.leadbase.it.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.it.enrichment.EnrichmentSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key with visibility {@code own} behaves as if other users' leads, jobs and keys did not exist: each way
 * another user's data could show through, as a user would notice it.
 */
class OwnKeyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestTenant tenant;
    private static ApiClient admin;
    private static ApiClient alice;
    private static ApiClient bob;

    @BeforeAll
    static void tenant() {
        tenant = Fixture.newTenant(100);
        admin = tenant.client();
        alice = Fixture.withKey(tenant.tenantId(), "alice", "own").client();
        bob = Fixture.withKey(tenant.tenantId(), "bob", "own").client();
        ApiResponse ruleset = admin.post("/api/v2/scoring/rulesets", Map.of("name", "Engagement", "type",
                "engagement", "primary", true, "rules", List.of(Map.of("eventType", "demo_request", "points", 30))));
        assertEquals(201, ruleset.status(), ruleset.toString());
        Fixture.drained(WAIT, "RescoreQueue");
    }

    @Test
    void eventsOnAnotherUsersLeadAreRejectedExactlyAsOnAnUnknownLeadAndScoreNothing() {
        String alices = create(alice, "ev.alice@own.io");

        ApiResponse hidden = bob.post("/api/v2/events", events(alices));
        ApiResponse unknown = bob.post("/api/v2/events", events("lead_doesnotexist1"));

        assertEquals(400, hidden.status(), hidden.toString());
        assertEquals(Bodies.normalised(unknown, "lead_doesnotexist1"), Bodies.normalised(hidden, alices));
        Fixture.drained(WAIT, "EventsQueue");
        assertEquals(0, admin.get("/api/v2/leads/" + alices + "/events").data().path("events").size(),
                "no event was stored");
        assertEquals(0, admin.get("/api/v2/leads/" + alices + "/score").data().path("score").asLong(),
                "the score did not move");
        assertEquals(202, alice.post("/api/v2/events", events(alices)).status(), "its owner may");
    }

    @Test
    void enrichmentOfAnotherUsersLeadIdIsAnUnknownLeadAndSpendsAndStampsNothing() {
        String alices = create(alice, "ada.king@own.io");
        long before = credits();

        ApiResponse hidden = bob.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("leadId", alices))));
        ApiResponse unknown = bob.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("leadId", "lead_doesnotexist2"))));

        assertEquals(400, hidden.status(), hidden.toString());
        assertEquals(Bodies.normalised(unknown, "lead_doesnotexist2"), Bodies.normalised(hidden, alices));
        assertFalse(hidden.rawBody().contains("ada.king"), "none of the lead's fields is shown");
        Fixture.drained(WAIT, "EnrichmentQueue");
        assertEquals(before, credits(), "no credit reserved or spent");
        JsonNode lead = admin.get("/api/v2/leads/" + alices).data();
        assertTrue(lead.path("enrichedAt").isMissingNode() || lead.path("enrichedAt").isNull(), lead.toString());
    }

    @Test
    void enrichmentByEmailNeverReachesAnotherUsersLead() {
        String alices = create(alice, "grace.hopper@own.io");

        ApiResponse submitted = bob.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", "grace.hopper@own.io"))));
        assertEquals(202, submitted.status(), submitted.toString());
        JsonNode job = EnrichmentSupport.awaitFinished(bob, submitted.data().path("jobId").asText());

        assertFalse(job.toString().contains(alices), "the job does not name alice's lead: " + job);
        JsonNode lead = admin.get("/api/v2/leads/" + alices).data();
        assertTrue(lead.path("enrichedAt").isMissingNode() || lead.path("enrichedAt").isNull(),
                "alice's lead is not stamped: " + lead);
        assertTrue(lead.path("firstName").isMissingNode() || lead.path("firstName").isNull(), "nor filled: " + lead);
    }

    @Test
    void ownKeysSeeOnlyTheJobsTheirUserSubmitted() {
        ApiResponse tenantJob = admin.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", "job.one@own.io"))));
        ApiResponse alicesJob = alice.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("email", "job.two@own.io"))));
        String tenantJobId = tenantJob.data().path("jobId").asText();
        String alicesJobId = alicesJob.data().path("jobId").asText();

        assertEquals(404, bob.get("/api/v2/enrich/" + tenantJobId).status());
        assertEquals(404, bob.get("/api/v2/enrich/" + alicesJobId).status());
        assertEquals(200, alice.get("/api/v2/enrich/" + alicesJobId).status());
        assertEquals(200, admin.get("/api/v2/enrich/" + alicesJobId).status(), "a tenant key sees every job");
        List<String> listed = new ArrayList<>();
        alice.get("/api/v2/enrich?limit=100").data().path("jobs").forEach(j -> listed.add(j.path("jobId").asText()));
        assertTrue(listed.contains(alicesJobId), listed.toString());
        assertFalse(listed.contains(tenantJobId), listed.toString());
    }

    @Test
    void aConflictOnAnotherUsersEmailIsA409ThatDoesNotNameTheLead() {
        String alices = create(alice, "taken@own.io");
        String bobs = create(bob, "bobs@own.io");

        ApiResponse created = bob.post("/api/v2/leads", Map.of("email", "taken@own.io"));
        ApiResponse batch = bob.post("/api/v2/leads/batch", Map.of("leads", List.of(Map.of("email", "taken@own.io"))));
        ApiResponse patched = bob.patch("/api/v2/leads/" + bobs, Map.of("email", "taken@own.io"));

        assertEquals(409, created.status(), created.toString());
        assertTrue(created.body().path("details").path("existingId").isMissingNode(), created.toString());
        assertEquals("duplicate", batch.data().path("results").get(0).path("status").asText(), batch.toString());
        assertTrue(batch.data().path("results").get(0).path("existingId").isMissingNode(), batch.toString());
        assertEquals(409, patched.status(), patched.toString());
        assertTrue(patched.body().path("details").path("existingId").isMissingNode(), patched.toString());
        for (ApiResponse r : List.of(created, batch, patched)) {
            assertFalse(r.rawBody().contains(alices), "alice's lead id leaked: " + r);
        }
        assertEquals(alices, admin.post("/api/v2/leads", Map.of("email", "taken@own.io")).body()
                .path("details").path("existingId").asText(), "a tenant key is told the lead it collided with");
        assertEquals(bobs, bob.post("/api/v2/leads", Map.of("email", "bobs@own.io")).body()
                .path("details").path("existingId").asText(), "an own key is told about its own lead");
    }

    @Test
    void anIdempotencyKeyOfATenantKeyIsNotReplayedToAnOwnKey() {
        Map<String, Object> body = Map.of("leads", List.of(Map.of("email", "replayed@own.io")));
        ApiResponse first = admin.post("/api/v2/leads/batch", body, "Idempotency-Key", "import-own-1");
        String created = first.data().path("results").get(0).path("id").asText();

        ApiResponse again = bob.post("/api/v2/leads/batch", body, "Idempotency-Key", "import-own-1");

        assertFalse(again.rawBody().contains(created), "the tenant key's response was replayed: " + again);
        assertEquals(null, again.header("Idempotent-Replayed"));
    }

    @Test
    void anOwnKeyAdminListsAndRevokesOnlyItsOwnUsersOwnKeys() {
        TestTenant carol = Fixture.withKey(tenant.tenantId(), "carol", "own", "keys:admin", "leads:read");
        TestTenant carolsOther = Fixture.withKey(tenant.tenantId(), "carol", "own", "leads:read");
        TestTenant dave = Fixture.withKey(tenant.tenantId(), "dave", "own", "leads:read");
        TestTenant carolsTenantKey = Fixture.withKey(tenant.tenantId(), "carol", "tenant", "leads:read");

        List<String> listed = new ArrayList<>();
        carol.client().get("/api/v2/api-keys").data().path("apiKeys").forEach(k -> listed.add(k.path("keyId").asText()));
        assertEquals(List.of(carol.keyId(), carolsOther.keyId()).stream().sorted().toList(), listed.stream().sorted().toList());

        ApiResponse tenantWide = carol.client().delete("/api/v2/api-keys/" + tenant.keyId());
        ApiResponse unknown = carol.client().delete("/api/v2/api-keys/key_doesnotexist3");
        assertEquals(404, tenantWide.status(), tenantWide.toString());
        assertEquals(Bodies.normalised(unknown, "key_doesnotexist3"), Bodies.normalised(tenantWide, tenant.keyId()));
        assertEquals(404, carol.client().delete("/api/v2/api-keys/" + dave.keyId()).status());
        assertEquals(404, carol.client().delete("/api/v2/api-keys/" + carolsTenantKey.keyId()).status());
        assertEquals(200, admin.get("/api/v2/leads").status(), "the tenant-wide admin key still works");
        assertEquals(200, dave.client().get("/api/v2/leads").status(), "dave's key still works");

        assertEquals(200, carol.client().delete("/api/v2/api-keys/" + carolsOther.keyId()).status());
        assertEquals(401, carolsOther.client().get("/api/v2/leads").status());
    }

    @Test
    void anOwnKeyIssuesOnlyOwnKeysForItsOwnUser() {
        TestTenant erin = Fixture.withKey(tenant.tenantId(), "erin", "own", "keys:admin", "leads:read");

        ApiResponse tenantWide = erin.client().post("/api/v2/api-keys",
                Map.of("userId", "erin", "permissions", List.of("leads:read"), "visibility", "tenant"));
        ApiResponse implicitTenant = erin.client().post("/api/v2/api-keys",
                Map.of("userId", "erin", "permissions", List.of("leads:read")));
        ApiResponse forAnother = erin.client().post("/api/v2/api-keys",
                Map.of("userId", "frank", "permissions", List.of("leads:read"), "visibility", "own"));
        ApiResponse own = erin.client().post("/api/v2/api-keys",
                Map.of("userId", "erin", "permissions", List.of("leads:read"), "visibility", "own"));

        assertEquals(403, tenantWide.status(), tenantWide.toString());
        assertEquals(403, implicitTenant.status(), implicitTenant.toString());
        assertEquals(403, forAnother.status(), forAnother.toString());
        assertEquals(201, own.status(), own.toString());
        assertEquals("own", own.data().path("visibility").asText());
    }

    private static String create(ApiClient client, String email) {
        ApiResponse r = client.post("/api/v2/leads", Map.of("email", email));
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    private static Map<String, Object> events(String leadId) {
        return Map.of("events", List.of(Map.of("leadId", leadId, "type", "demo_request")));
    }

    private static long credits() {
        JsonNode c = admin.get("/api/v2/credits").data();
        assertNotEquals(null, c);
        return c.path("remaining").asLong();
    }
}
