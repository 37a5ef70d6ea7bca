package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.CreditLedger;

import dev.leadbase.leads.domain.LeadShards;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tenant's K as its tenant item holds it ({@code leadShards}; {@link LeadShards#DEFAULT} when absent), read with one
 * consistent GetItem of that attribute alone, so a list never misses a shard a raise has just added.
 */
record TenantLeadShards(DynamoDbClient dynamo, String tenantsTable) implements LeadShards {
    static final String ATTRIBUTE = "leadShards";

    @Override
    public int forNewLead(String tenantId) {
        return current(tenantId);
    }

    @Override
    public int current(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tenantsTable).key(CreditLedger.key(tenantId))
                .projectionExpression("#k").expressionAttributeNames(Map.of("#k", ATTRIBUTE)).consistentRead(true)).item();
        AttributeValue k = item == null ? null : item.get(ATTRIBUTE);
        return k == null || k.n() == null ? DEFAULT : Math.clamp(Integer.parseInt(k.n()), MIN, MAX);
    }
}
