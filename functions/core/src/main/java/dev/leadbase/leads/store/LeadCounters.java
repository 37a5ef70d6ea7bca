package dev.leadbase.leads.store;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The lead counters' totals. A create adds one to each of its counters in the lead's shard ({@code <name>@<shard>}), so
 * that a busy tenant's creates spread over its shards; a total is the sum of the counter's shard items plus the
 * unsharded {@code <name>} item written before counters were sharded, if any.
 */
public record LeadCounters(DynamoDbClient dynamo, String leadIndexTable) {
    /**
     * The exact value of counter {@code name} (e.g. {@code leads}, {@link LeadKeys#counter}): one consistent Query of
     * its shard items ({@code begins_with(sk, "<name>@")}) and one consistent read of its unsharded item.
     */
    public long total(String tenantId, String name) {
        Map<String, AttributeValue> legacy = LeadKeys.counterKey(tenantId, name);
        long total = 0;
        Pages pages = Pages.of(dynamo, q -> q.tableName(leadIndexTable).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#sk", LeadKeys.SK, "#n", LeadKeys.COUNT))
                .expressionAttributeValues(Map.of(":pk", legacy.get(LeadKeys.PK), ":prefix", s(LeadKeys.counterShardPrefix(name))))
                .projectionExpression("#n"));
        while (pages.hasNext()) {
            QueryResponse page = pages.next();
            for (Map<String, AttributeValue> item : page.items()) {
                total += Items.num(item, LeadKeys.COUNT);
            }
        }
        Map<String, AttributeValue> unsharded = dynamo.getItem(r -> r.tableName(leadIndexTable).key(legacy)
                .consistentRead(true)).item();
        return unsharded == null || unsharded.isEmpty() ? total : total + Items.num(unsharded, LeadKeys.COUNT);
    }
}
