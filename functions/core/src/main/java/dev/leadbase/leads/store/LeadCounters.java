package dev.leadbase.leads.store;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The lead counters' totals. A create adds one to each of its counter cells in the lead's shard
 * ({@link LeadKeys#counters}: the count and the count of its source in each of its counter items), so that a busy
 * tenant's creates spread over its shards; a total is the sum of the counter's shard items plus its unsharded item
 * written before counters were sharded, if any: one eventually consistent Query of one sort-key range
 * ({@link LeadKeys#counterRange}), half a unit: the page it comes with is read from index entries, which no read sees
 * consistently, so a consistent read would not make it fresher. A count of one source adds the items of its former
 * counter ({@link LeadKeys.LeadCount#formerCounter}) when the counter's items count leads they hold no source count
 * for (written before source counts moved into them): a second Query, which a tenant whose counters were all written
 * since never makes.
 */
public record LeadCounters(DynamoDbClient dynamo, String leadIndexTable) {
    /** The count of counter {@code name} (e.g. {@code leads}, {@link LeadKeys#counter}), as an eventually consistent read sees it. */
    public long total(String tenantId, String name) {
        return total(tenantId, new LeadKeys.LeadCount(name, null));
    }

    /** The number of leads {@code count} counts, as an eventually consistent read sees it. */
    public long total(String tenantId, LeadKeys.LeadCount count) {
        long total = 0;
        long uncountedBySource = 0;
        String attribute = count.source() == null ? LeadKeys.COUNT : LeadKeys.sourceCount(count.source());
        for (Map<String, AttributeValue> item : items(tenantId, count.counter())) {
            total += Items.num(item, attribute);
            if (count.source() != null) {
                uncountedBySource += Items.num(item, LeadKeys.COUNT);
                for (String a : item.keySet()) {
                    if (a.startsWith(LeadKeys.SOURCE_COUNT)) {
                        uncountedBySource -= Items.num(item, a);
                    }
                }
            }
        }
        if (uncountedBySource != 0) {
            for (Map<String, AttributeValue> item : items(tenantId, count.formerCounter())) {
                total += Items.num(item, LeadKeys.COUNT);
            }
        }
        return total;
    }

    /** The unsharded and shard items of counter {@code name}, read eventually consistently. */
    private List<Map<String, AttributeValue>> items(String tenantId, String name) {
        List<String> range = LeadKeys.counterRange(name);
        Pages pages = Pages.of(dynamo, q -> q.tableName(leadIndexTable).consistentRead(false)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#sk", LeadKeys.SK))
                .expressionAttributeValues(Map.of(":pk", LeadKeys.counterKey(tenantId, name).get(LeadKeys.PK),
                        ":from", s(range.get(0)), ":to", s(range.get(1)))));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        while (pages.hasNext()) {
            QueryResponse page = pages.next();
            items.addAll(page.items());
        }
        return items;
    }
}
