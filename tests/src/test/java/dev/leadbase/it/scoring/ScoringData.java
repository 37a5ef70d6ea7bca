package dev.leadbase.it.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.leads.store.LeadItemWriter;
import dev.leadbase.leads.store.LeadItems;
import dev.leadbase.leads.store.ScoringLeadItems;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.store.DynamoRulesetRepository;
import dev.leadbase.scoring.store.DynamoScoreStore;
import dev.leadbase.shared.dynamo.AttributeValues;
import dev.leadbase.shared.json.Json;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Rule sets and leads for scoring tests: created through the API or stored directly, and read back. */
final class ScoringData {
    private ScoringData() {
    }

    /** Scoring's store on the test runtime's tables, as the functions wire it. */
    static ScoreStore store() {
        var rt = Fixture.runtime();
        String leads = rt.tableName("LeadItemsTable");
        return new DynamoScoreStore(rt.dynamo(), leads, new ScoringLeadItems(rt.dynamo(), leads,
                LeadItemWriter.besideUserFields(rt.dynamo(), leads)), rt.tableName("ScoresTable"), rt.tableName("EventsTable"));
    }

    static RulesetRepository rulesets() {
        return new DynamoRulesetRepository(Fixture.runtime().dynamo(), Fixture.runtime().tableName("RulesetsTable"));
    }

    static String createRuleset(TestTenant t, Map<String, Object> body) {
        ApiResponse r = t.client().post("/api/v2/scoring/rulesets", body);
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    /** An engagement rule set giving {@code points} a page view; its id. */
    static String pageViews(TestTenant t, String name, boolean primary, int points) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "engagement",
                "rules", List.of(Map.of("eventType", "page_view", "points", points))));
        if (primary) {
            body.put("primary", true);
        }
        return createRuleset(t, body);
    }

    /** Stores a lead item directly (the leads API is another module's), as its create would. */
    static String putLead(TestTenant t, Map<String, String> fields) {
        String id = "lead_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", AttributeValue.fromS(t.tenantId()));
        item.put("leadId", AttributeValue.fromS(id));
        fields.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(Fixture.runtime().tableName("LeadItemsTable")).item(item));
        return id;
    }

    /** Creates a lead through the leads API (as it stores it: in its shard, in the lists' indexes); its id. */
    static String createLead(TestTenant t, Map<String, String> fields) {
        ApiResponse r = t.client().post("/api/v2/leads", fields);
        assertEquals(201, r.status(), r.toString());
        return r.data().path("id").asText();
    }

    static Map<String, AttributeValue> item(TestTenant t, String leadId) {
        return Fixture.runtime().dynamo().getItem(g -> g.tableName(Fixture.runtime().tableName("LeadItemsTable"))
                .consistentRead(true)
                .key(Map.of("tenantId", AttributeValue.fromS(t.tenantId()), "leadId", AttributeValue.fromS(leadId)))).item();
    }

    /** The lead's stored score fields as JSON (what the leads API shows), whichever form the item holds them in. */
    static JsonNode lead(TestTenant t, String leadId) {
        Object java = AttributeValues.toJava(LeadItems.unpacked(item(t, leadId)));
        return Json.mapper().valueToTree(java);
    }

    static long scoreVersion(TestTenant t, String leadId) {
        AttributeValue v = item(t, leadId).get("scoreVersion");
        return v == null ? 0 : Long.parseLong(v.n());
    }
}
