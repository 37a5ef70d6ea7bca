package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.aLead;
import static dev.leadbase.it.leads.Bodies.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, read, change and delete single leads: validation, uniqueness, versions, idempotency, visibility. */
class LeadsCrudTest {
    private static TestTenant tenant;
    private static ApiClient api;

    @BeforeAll
    static void tenant() {
        tenant = Fixture.newTenant(0);
        api = tenant.client();
    }

    @Test
    void createdLeadHasEveryFieldOfTheLeadShapeAndIsReadBack() {
        ApiResponse created = api.post("/api/v2/leads", obj("firstName", "Jane", "lastName", "Smith",
                "email", "Jane@Startup.io", "linkedinUrl", "https://linkedin.com/in/janesmith", "company", "Startup Inc",
                "title", "CTO", "location", "New York, NY", "source", "website", "tags", List.of("startup", "technical"),
                "customFields", obj("industry", "FinTech", "employeeCount", "10-50")));
        assertEquals(201, created.status(), created.toString());
        JsonNode lead = created.data();
        assertTrue(lead.path("id").asText().startsWith("lead_"));
        assertEquals("jane@startup.io", lead.path("email").asText(), "emails are normalised");
        assertEquals("new", lead.path("status").asText());
        assertTrue(lead.has("phone") && lead.get("phone").isNull(), "nulls are kept");
        assertTrue(lead.get("lastContactedAt").isNull());
        assertEquals(List.of("id", "firstName", "lastName", "email", "linkedinUrl", "company", "title", "phone", "location",
                "status", "source", "notes", "tags", "customFields", "createdAt", "updatedAt", "lastContactedAt", "companyId",
                "ownerId", "score", "engagementScores", "profileScores", "rulesetNames", "engagementPrimaryRulesetName",
                "profilePrimaryRulesetName", "level", "lastEventAt", "lastEventType", "version", "enrichedAt",
                "enrichmentSources", "confidence"), fieldNames(lead));
        assertEquals("user_1", lead.path("ownerId").asText(), "the creating key's user owns the lead");
        assertEquals("\"1\"", created.header("etag"));

        ApiResponse read = api.get("/api/v2/leads/" + lead.path("id").asText());
        assertEquals(200, read.status());
        assertEquals(lead, read.data());
    }

    @Test
    void createNeedsAnIdentifierAndReportsEveryBadFieldAtOnce() {
        ApiResponse r = api.post("/api/v2/leads", obj("firstName", "Only", "status", "hot", "source", "fax",
                "email", "not-an-email", "tags", "x", "nickname", "Bob"));
        assertEquals(400, r.status());
        assertEquals("VALIDATION_ERROR", r.body().path("code").asText());
        JsonNode fields = r.body().path("details").path("invalidFields");
        assertEquals("Must be one of: new, contacted, replied, qualified, converted, cold, lost", fields.path("status").asText());
        assertEquals("Must be one of: linkedin, website, referral, import, api", fields.path("source").asText());
        assertEquals("Must be a valid email address", fields.path("email").asText());
        assertEquals("Must be an array of strings", fields.path("tags").asText());
        assertEquals("Unknown field", fields.path("nickname").asText());

        ApiResponse noIdentifier = api.post("/api/v2/leads", obj("firstName", "Ann", "lastName", "Lee"));
        assertEquals(400, noIdentifier.status());
        assertTrue(noIdentifier.body().path("details").path("invalidFields").has("identifier"));

        ApiResponse nameAndCompany = api.post("/api/v2/leads", obj("firstName", "Ann", "lastName", "Lee", "company", "Acme"));
        assertEquals(201, nameAndCompany.status(), "first name + last name + company identify a lead");
        ApiResponse linkedinOnly = api.post("/api/v2/leads", obj("linkedinUrl", "https://www.linkedin.com/in/annlee"));
        assertEquals(201, linkedinOnly.status());
    }

    @Test
    void duplicateEmailIsConflictWithExistingId() {
        String id = api.post("/api/v2/leads", aLead("dup@example.com")).data().path("id").asText();
        ApiResponse again = api.post("/api/v2/leads", aLead("  DUP@Example.com "));
        assertEquals(409, again.status());
        assertEquals("CONFLICT", again.body().path("code").asText());
        assertEquals(id, again.body().path("details").path("existingId").asText());

        String other = api.post("/api/v2/leads", aLead("other@example.com")).data().path("id").asText();
        ApiResponse patch = api.patch("/api/v2/leads/" + other, obj("email", "dup@example.com"));
        assertEquals(409, patch.status(), "changing to a taken email conflicts too");
        assertEquals(id, patch.body().path("details").path("existingId").asText());
    }

    @Test
    void emailIsFreedWhenItsLeadIsDeletedOrChanged() {
        String id = api.post("/api/v2/leads", aLead("freed@example.com")).data().path("id").asText();
        assertEquals(200, api.patch("/api/v2/leads/" + id, obj("email", "moved@example.com")).status());
        assertEquals(201, api.post("/api/v2/leads", aLead("freed@example.com")).status(), "old email was released");
        assertEquals(200, api.delete("/api/v2/leads/" + id).status());
        assertEquals(201, api.post("/api/v2/leads", aLead("moved@example.com")).status(), "deleted lead's email was released");
    }

    @Test
    void patchChangesFieldsBumpsVersionAndUpdatedAt() throws Exception {
        JsonNode lead = api.post("/api/v2/leads", aLead("patch@example.com")).data();
        String id = lead.path("id").asText();
        Thread.sleep(5);
        ApiResponse r = api.patch("/api/v2/leads/" + id, obj("status", "qualified", "notes", "Call back Tuesday",
                "tags", List.of("vip"), "customFields", obj("budget", "$50k+", "seats", 12), "lastContactedAt", "2024-01-16T09:15:00Z",
                "phone", "+1-555-123-4567", "title", null));
        assertEquals(200, r.status(), r.toString());
        JsonNode after = r.data();
        assertEquals("qualified", after.path("status").asText());
        assertEquals("Call back Tuesday", after.path("notes").asText());
        assertEquals(12, after.path("customFields").path("seats").asInt());
        assertEquals("2024-01-16T09:15:00Z", after.path("lastContactedAt").asText());
        assertTrue(after.get("title").isNull(), "null clears a field");
        assertEquals(2, after.path("version").asInt());
        assertEquals("\"2\"", r.header("etag"));
        assertNotEquals(lead.path("updatedAt").asText(), after.path("updatedAt").asText());
        assertEquals(lead.path("createdAt").asText(), after.path("createdAt").asText());
        assertEquals(after, api.get("/api/v2/leads/" + id).data(), "the change is stored");

        ApiResponse bad = api.patch("/api/v2/leads/" + id, obj("status", "won", "status2", 1));
        assertEquals(400, bad.status());
        assertEquals("Must be one of: new, contacted, replied, qualified, converted, cold, lost",
                bad.body().path("details").path("invalidFields").path("status").asText());
        assertEquals("Unknown field", bad.body().path("details").path("invalidFields").path("status2").asText());
        assertEquals(400, api.patch("/api/v2/leads/" + id, obj("email", null, "linkedinUrl", null, "company", null)).status(),
                "a patch cannot leave the lead without an identifier");
    }

    @Test
    void ifMatchWithAStaleVersionIsPreconditionFailed() {
        String id = api.post("/api/v2/leads", aLead("ifmatch@example.com")).data().path("id").asText();
        assertEquals(200, api.patch("/api/v2/leads/" + id, obj("notes", "first"), "If-Match", "\"1\"").status());
        ApiResponse stale = api.patch("/api/v2/leads/" + id, obj("notes", "second"), "If-Match", "\"1\"");
        assertEquals(412, stale.status());
        assertEquals("PRECONDITION_FAILED", stale.body().path("code").asText());
        assertEquals(2, stale.body().path("details").path("currentVersion").asInt());
        assertEquals("first", api.get("/api/v2/leads/" + id).data().path("notes").asText(), "the stale write changed nothing");
        assertEquals(412, api.delete("/api/v2/leads/" + id, "If-Match", "\"1\"").status());
        assertEquals(200, api.delete("/api/v2/leads/" + id, "If-Match", "\"2\"").status());
    }

    @Test
    void deletedLeadIsGoneAndUnknownIdsAreNotFound() {
        String id = api.post("/api/v2/leads", aLead("gone@example.com")).data().path("id").asText();
        ApiResponse deleted = api.delete("/api/v2/leads/" + id);
        assertEquals(200, deleted.status());
        assertTrue(deleted.data().path("deleted").asBoolean());
        assertEquals(404, api.get("/api/v2/leads/" + id).status());
        assertEquals(404, api.delete("/api/v2/leads/" + id).status());
        assertEquals(404, api.patch("/api/v2/leads/" + id, obj("notes", "x")).status());
        assertEquals("NOT_FOUND", api.get("/api/v2/leads/lead_doesnotexist").body().path("code").asText());
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRejectsAnotherBody() {
        Map<String, Object> body = aLead("idem@example.com");
        ApiResponse first = api.post("/api/v2/leads", body, "Idempotency-Key", "create-idem-1");
        assertEquals(201, first.status());
        ApiResponse replay = api.post("/api/v2/leads", body, "Idempotency-Key", "create-idem-1");
        assertEquals(201, replay.status(), "a retry gets the first answer, not a 409 duplicate");
        assertEquals(first.data(), replay.data());
        assertEquals("true", replay.header("idempotent-replayed"));
        ApiResponse otherBody = api.post("/api/v2/leads", aLead("idem2@example.com"), "Idempotency-Key", "create-idem-1");
        assertEquals(409, otherBody.status());
        assertTrue(otherBody.body().path("message").asText().contains("different request body"));
        ApiResponse otherTenant = Fixture.newTenant(0).client().post("/api/v2/leads", body, "Idempotency-Key", "create-idem-1");
        assertEquals(201, otherTenant.status(), "keys are scoped by tenant");
        assertNotEquals(first.data().path("id"), otherTenant.data().path("id"));
    }

    @Test
    void writesNeedLeadsWriteAndReadsNeedLeadsRead() {
        TestTenant readOnly = Fixture.withKey(tenant.tenantId(), "reader", "tenant", "leads:read");
        ApiResponse denied = readOnly.client().post("/api/v2/leads", aLead("ro@example.com"));
        assertEquals(403, denied.status());
        assertEquals("leads:write", denied.body().path("permissionHelp").path("required").asText());
        TestTenant writeOnly = Fixture.withKey(tenant.tenantId(), "writer", "tenant", "leads:write");
        assertEquals(403, writeOnly.client().get("/api/v2/leads").status());
        assertEquals(401, Fixture.anonymous().get("/api/v2/leads").status());
    }

    @Test
    void anotherTenantsLeadIsNotFound() {
        String id = api.post("/api/v2/leads", aLead("mine@example.com")).data().path("id").asText();
        ApiClient stranger = Fixture.newTenant(0).client();
        assertEquals(404, stranger.get("/api/v2/leads/" + id).status());
        assertEquals(404, stranger.patch("/api/v2/leads/" + id, obj("notes", "hijack")).status());
        assertEquals(404, stranger.delete("/api/v2/leads/" + id).status());
        assertEquals(201, stranger.post("/api/v2/leads", aLead("mine@example.com")).status(), "emails are unique per tenant only");
        assertEquals(200, api.get("/api/v2/leads/" + id).status());
    }

    @Test
    void ownVisibilityKeysSeeAndChangeOnlyTheirLeads() {
        TestTenant t = Fixture.newTenant(0);
        ApiClient alice = Fixture.withKey(t.tenantId(), "alice", "own").client();
        ApiClient bob = Fixture.withKey(t.tenantId(), "bob", "own").client();
        String alices = alice.post("/api/v2/leads", aLead("a@own.io")).data().path("id").asText();
        String bobs = bob.post("/api/v2/leads", aLead("b@own.io")).data().path("id").asText();
        String admins = t.client().post("/api/v2/leads", aLead("c@own.io")).data().path("id").asText();

        assertEquals(200, alice.get("/api/v2/leads/" + alices).status());
        assertEquals(404, alice.get("/api/v2/leads/" + bobs).status());
        assertEquals(404, alice.patch("/api/v2/leads/" + bobs, obj("notes", "x")).status());
        assertEquals(404, alice.delete("/api/v2/leads/" + admins).status());
        Fixture.awaitIndexes();
        ApiResponse list = alice.get("/api/v2/leads");
        assertEquals(List.of(alices), ids(list));
        assertEquals(1, list.data().path("pagination").path("total").asInt());
        assertEquals(0, alice.get("/api/v2/leads?ownerId=bob").data().path("pagination").path("total").asInt());
        assertEquals(3, t.client().get("/api/v2/leads").data().path("pagination").path("total").asInt());
        assertEquals(List.of(bobs), ids(t.client().get("/api/v2/leads?ownerId=bob")));

        ApiResponse giveAway = alice.patch("/api/v2/leads/" + alices, obj("ownerId", "bob"));
        assertEquals(400, giveAway.status(), "an own key cannot hand a lead to someone else");
        assertEquals(200, t.client().patch("/api/v2/leads/" + alices, obj("ownerId", "bob")).status());
        assertEquals(404, alice.get("/api/v2/leads/" + alices).status(), "reassigned leads leave alice's view");
        Fixture.awaitIndexes(); // a total is read eventually, as the page's index entries are
        assertEquals(2, bob.get("/api/v2/leads").data().path("pagination").path("total").asInt(), "owner counters follow");
    }

    static List<String> ids(ApiResponse list) {
        List<String> ids = new java.util.ArrayList<>();
        list.data().path("leads").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
