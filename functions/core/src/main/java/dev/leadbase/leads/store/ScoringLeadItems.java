package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.AttributeValues;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LastEvent;
import dev.leadbase.scoring.domain.LeadScoresChange;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.ScoredLeads;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The lead items as scoring reads them, and scoring's writes of them through the {@link LeadItemWriter}. */
public record ScoringLeadItems(DynamoDbClient dynamo, String leads, LeadItemWriter writer) implements ScoredLeads<Map<String, AttributeValue>, TransactWriteItem> {
    @Override
    public Map<String, AttributeValue> key(String tenantId, String leadId) {
        return LeadKeys.key(tenantId, leadId);
    }

    @Override
    public ScoredLead read(Map<String, AttributeValue> stored) {
        Map<String, AttributeValue> item = LeadItems.unpacked(stored);
        return new ScoredLead(Items.str(item, LeadKeys.TENANT_ID), Items.str(item, LeadKeys.LEAD_ID),
                Items.str(item, "ownerId"), AttributeValues.toJava(item), Items.num(item, LeadKeys.SCORE_VERSION),
                LastEvent.of(Items.time(item, LeadScoreFields.LAST_EVENT_AT), Items.str(item, LeadScoreFields.LAST_EVENT_TYPE)));
    }

    @Override
    public Optional<ScoredLead> find(String tenantId, String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(leads).key(key(tenantId, leadId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public TransactWriteItem scores(LeadScoresChange change) {
        return writer.scores(change);
    }

    @Override
    public boolean writeScores(LeadScoresChange change) {
        return writer.writeScores(change);
    }

    @Override
    public Map<String, String> owners(String tenantId, Collection<String> leadIds) {
        Map<String, String> owners = new HashMap<>();
        List<Map<String, AttributeValue>> keys = leadIds.stream().map(id -> key(tenantId, id)).toList();
        BatchGet.items(dynamo, Map.of(leads, keys), true, LeadKeys.LEAD_ID + ", ownerId, " + LeadKeys.FILTERABLE + ".ownerId",
                (table, i) -> owners.put(Items.str(i, LeadKeys.LEAD_ID), Items.str(LeadItems.unpacked(i), "ownerId")));
        return owners;
    }

    @Override
    public Page<String> leadIds(String tenantId, String afterLeadId, int limit) {
        // consistent: a re-score after a rule set change must reach a lead created a moment before it, which an
        // eventually consistent read may not see yet (its score would stay as the old rules made it)
        Pages pages = Pages.of(dynamo, q -> q.tableName(leads).consistentRead(true).limit(limit)
                .keyConditionExpression("#t = :t").expressionAttributeNames(Map.of("#t", LeadKeys.TENANT_ID))
                .expressionAttributeValues(Map.of(":t", s(tenantId))).projectionExpression(LeadKeys.LEAD_ID)
                .exclusiveStartKey(afterLeadId == null ? null : LeadKeys.key(tenantId, afterLeadId)));
        List<String> ids = pages.next().items().stream().map(i -> Items.str(i, LeadKeys.LEAD_ID)).toList();
        return new Page<>(ids, pages.hasNext() && !ids.isEmpty() ? ids.getLast() : null);
    }

    @Override
    public List<ScoredLead> scored(String tenantId, List<String> leadIds) {
        // consistent: the lead a path names, created or changed a moment ago, is found as GET /leads/{id} finds it
        return items(tenantId, leadIds, true).stream().map(this::read).toList();
    }

    @Override
    public List<Lead> leads(String tenantId, List<String> leadIds) {
        // the leads of a ranking, itself read from an index: eventually consistent, as the ranking is
        return items(tenantId, leadIds, false).stream().map(LeadItems::lead).toList();
    }

    private List<Map<String, AttributeValue>> items(String tenantId, List<String> leadIds, boolean consistent) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = leadIds.stream().map(id -> key(tenantId, id)).toList();
        BatchGet.items(dynamo, Map.of(leads, keys), consistent, null,
                (table, i) -> found.put(Items.str(i, LeadKeys.LEAD_ID), i));
        return leadIds.stream().filter(found::containsKey).map(found::get).toList();
    }
}
