package dev.leadbase.leads.store;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The lead counters' totals. A create adds one to each of its counters in the lead's shard
 * ({@link LeadKeys#counterKey(String, String, int)}), so that a busy tenant's creates spread over its shards; a total is
 * the sum of the counter's shard items plus its unsharded item written before counters were sharded, if any: one
 * eventually consistent Query of one sort-key range ({@link LeadKeys#counterRange}), half a unit: the page it comes
 * with is read from index entries, which no read sees consistently, so a consistent read would not make it fresher.
 */
public record LeadCounters(DynamoDbClient dynamo, String leadIndexTable) {
    /** The value of counter {@code name} (e.g. {@code leads}, {@link LeadKeys#counter}) as an eventually consistent read sees it. */
    public long total(String tenantId, String name) {
        List<String> range = LeadKeys.counterRange(name);
        long total = 0;
        Pages pages = Pages.of(dynamo, q -> q.tableName(leadIndexTable).consistentRead(false)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#sk", LeadKeys.SK, "#n", LeadKeys.COUNT))
                .expressionAttributeValues(Map.of(":pk", LeadKeys.counterKey(tenantId, name).get(LeadKeys.PK),
                        ":from", s(range.get(0)), ":to", s(range.get(1))))
                .projectionExpression("#n"));
        while (pages.hasNext()) {
            QueryResponse page = pages.next();
            for (Map<String, AttributeValue> item : page.items()) {
                total += Items.num(item, LeadKeys.COUNT);
            }
        }
        return total;
    }
}
