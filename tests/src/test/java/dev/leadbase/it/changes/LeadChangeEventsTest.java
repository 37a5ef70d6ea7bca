package dev.leadbase.it.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.it.changes.ChangeCapture.Captured;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The Leads stream's consumer (SearchIndexer) publishes a lead's life as change events: created with the lead as a read
 * shows it, updated with the changed fields and their previous values, deleted as a tombstone; in the lead's feed
 * partition, each with an id that a retried record keeps.
 */
class LeadChangeEventsTest {
    @Test
    void aLeadsCreateUpdateAndDeleteArriveAsEventsWithTheLeadPreviousValuesAndATombstone() {
        TestTenant t = Fixture.newTenant(0);
        ChangeCapture capture = new ChangeCapture("LeadItemsTable", "SearchIndexer");
        ApiResponse created = t.client().post("/api/v2/leads", Map.of("firstName", "Nora", "lastName", "Quist",
                "email", "nora.quist@" + t.tenantId().replace("_", "").toLowerCase() + ".io", "tags", List.of("vip")));
        assertEquals(201, created.status(), created.toString());
        String leadId = created.data().path("id").asText();
        JsonNode asRead = t.client().get("/api/v2/leads/" + leadId).data();
        ApiResponse patched = t.client().patch("/api/v2/leads/" + leadId, Map.of("title", "CTO", "status", "contacted"));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(200, t.client().delete("/api/v2/leads/" + leadId).status());

        // the create, the PATCH (which gave the lead its title) and the delete
        List<Record> records = capture.records(t.tenantId(), 3, r -> leadId.equals(r.dynamodb().keys().get("leadId").s())
                && (!"MODIFY".equals(r.eventNameAsString())
                || !r.dynamodb().oldImage().containsKey("title") && r.dynamodb().newImage().containsKey("title")));
        capture.deliverAll(records);
        List<Captured> events = capture.captured();

        String group = FeedPartition.of(t.tenantId(), leadId).key();
        assertEquals(List.of("lead.created", "lead.updated", "lead.deleted"),
                events.stream().map(Captured::type).toList(), events.toString());
        for (Captured e : events) {
            assertEquals(group, e.groupId(), "one lead's events share its feed partition");
            assertEquals(e.event().path("id").asText(), e.dedupId());
            assertTrue(e.event().path("id").asText().matches("evt_[A-Za-z0-9_-]{1,124}"), e.event().path("id").asText());
            assertEquals(leadId, e.event().path("leadId").asText());
            assertEquals(leadId, e.event().path("subjectId").asText());
            assertEquals("user_1", e.event().path("ownerId").asText(), "own keys see the events of their own leads");
            assertEquals(t.tenantId(), e.event().path("tenantId").asText());
        }
        assertEquals(asRead, events.get(0).data().path("lead"), "lead.created shows the lead as GET does");
        assertEquals(Instant.parse(asRead.path("createdAt").asText()),
                Instant.parse(events.get(0).event().path("occurredAt").asText()), "a create occurred when the lead was created");

        JsonNode updated = events.get(1).data();
        assertEquals(patched.data(), updated.path("lead"), "lead.updated shows the lead as the PATCH answered it");
        assertEquals(Set.of("title", "status"), strings(updated.path("changedFields")));
        assertEquals("new", updated.path("previous").path("status").asText());
        assertTrue(updated.path("previous").has("title") && updated.path("previous").path("title").isNull(),
                updated.toString());
        assertEquals(Set.of("title", "status"), fields(updated.path("previous")));

        JsonNode deleted = events.get(2).data();
        assertEquals(leadId, deleted.path("id").asText());
        assertNotNull(Instant.parse(deleted.path("deletedAt").asText()));
        assertFalse(deleted.has("lead"), "a tombstone holds no lead");

        // Lambda retries a record after its batch failed: the events it publishes again keep their ids
        capture.deliverAll(records.subList(1, 2));
        List<Captured> again = capture.captured("lead.updated");
        assertFalse(again.isEmpty());
        assertEquals(Set.of(events.get(1).event().path("id").asText()),
                again.stream().map(c -> c.event().path("id").asText()).collect(Collectors.toSet()));
    }

    static Set<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return Set.copyOf(out);
    }

    static Set<String> fields(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return Set.copyOf(out);
    }
}
