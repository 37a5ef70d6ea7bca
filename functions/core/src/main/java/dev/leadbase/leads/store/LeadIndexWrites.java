package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The LeadIndex items that change with a lead, in its transaction: its email's uniqueness item and its counter items (in
 * the lead's shard, one update per item however many of its counts move; {@link LeadCounters} sums them).
 */
final class LeadIndexWrites {
    private final DynamoDbClient dynamo;
    private final String index;

    LeadIndexWrites(DynamoDbClient dynamo, String leadIndexTable) {
        this.dynamo = dynamo;
        this.index = leadIndexTable;
    }

    boolean present() {
        return index != null;
    }

    /** Claims the lead's email in its tenant; fails its condition (returning the holder) when the email is taken. */
    TransactWriteItem claimEmail(Lead lead) {
        Map<String, AttributeValue> item = new HashMap<>(LeadKeys.emailKey(lead.tenantId(), lead.emailKey()));
        item.put(LeadKeys.LEAD_ID, s(lead.id()));
        return TransactWriteItem.builder().put(p -> p.tableName(index).item(item)
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", LeadKeys.PK))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
    }

    /** Releases the lead's email unless another lead holds it. */
    TransactWriteItem releaseEmail(Lead lead) {
        return TransactWriteItem.builder().delete(d -> d.tableName(index).key(LeadKeys.emailKey(lead.tenantId(), lead.emailKey()))
                .conditionExpression("attribute_not_exists(#pk) OR #id = :id")
                .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#id", LeadKeys.LEAD_ID))
                .expressionAttributeValues(Map.of(":id", s(lead.id())))).build();
    }

    /**
     * Adds the deltas of {@code cells} (attribute by name, of counter items) to the counter items in the shard of
     * {@code lead}: one update per item.
     */
    List<TransactWriteItem> counters(Lead lead, Map<LeadKeys.CounterCell, Long> cells) {
        Map<String, Map<String, Long>> byItem = new LinkedHashMap<>();
        cells.forEach((cell, delta) -> byItem.computeIfAbsent(cell.counter(), c -> new LinkedHashMap<>()).put(cell.attribute(), delta));
        List<TransactWriteItem> writes = new ArrayList<>();
        byItem.forEach((counter, deltas) -> {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> adds = new ArrayList<>();
            deltas.forEach((attribute, delta) -> {
                int i = adds.size();
                names.put("#a" + i, attribute);
                values.put(":d" + i, Items.n(delta));
                adds.add("#a" + i + " :d" + i);
            });
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(index)
                    .key(LeadKeys.counterKey(lead.tenantId(), counter, lead.shard()))
                    .updateExpression("ADD " + String.join(", ", adds))
                    .expressionAttributeNames(names).expressionAttributeValues(values)).build());
        });
        return writes;
    }

    /**
     * Net counter changes from the counter cells {@code before} to those of {@code after} (null: the lead is gone);
     * unchanged ones dropped.
     */
    Map<LeadKeys.CounterCell, Long> counterChanges(List<LeadKeys.CounterCell> before, Lead after) {
        Map<LeadKeys.CounterCell, Long> deltas = new LinkedHashMap<>();
        before.forEach(c -> deltas.merge(c, -1L, Long::sum));
        if (after != null) {
            LeadKeys.counters(after).forEach(c -> deltas.merge(c, 1L, Long::sum));
        }
        deltas.values().removeIf(v -> v == 0);
        return deltas;
    }

    /** The id of the lead holding the email whose claim at {@code at} failed. */
    String existingId(TransactionCanceledException e, int at, String tenantId, String email) {
        CancellationReason reason = e.hasCancellationReasons() ? e.cancellationReasons().get(at) : null;
        if (reason != null && reason.hasItem() && reason.item().containsKey(LeadKeys.LEAD_ID)) {
            return Items.str(reason.item(), LeadKeys.LEAD_ID);
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(index)
                .key(LeadKeys.emailKey(tenantId, email)).consistentRead(true)).item();
        return item == null ? "unknown" : Items.str(item, LeadKeys.LEAD_ID);
    }
}
