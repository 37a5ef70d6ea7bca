package dev.leadbase.leads.store;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.domain.PreviousLeads;
import dev.leadbase.shared.dynamo.IndexTable;
import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The previous layout's leads table, read in its Scan order (the one Scan of the product: it reads every item of a
 * table that nothing writes anymore exactly once, ArchitectureTest allows it here only) and copied into today's table
 * through {@link LeadItemWriter#restore}.
 *
 * <p>Each step is one transaction: the puts of up to {@link dev.leadbase.leads.app.LeadsUpgrade#STEP} leads (each
 * {@code attribute_not_exists}, a lead already there is skipped and never overwritten) and the update of the progress
 * item to the last lead's key, conditional on the position the step started from. So a run killed anywhere leaves the
 * stored position exactly after what it copied, two runs at once never copy the same lead, and the totals are exact.
 * The progress item lives in the LeadIndex table: {@code pk = upgrade#leads#<previous table>}, {@code sk = progress},
 * with {@code cursor} ({@code tenantId/leadId}), {@code done}, {@code copied}, {@code skipped}, {@code updatedAt}.
 */
public final class PreviousLeadsTable implements PreviousLeads {
    private static final String PROGRESS_PK = "upgrade#leads#";
    private static final String PROGRESS_SK = "progress";
    private static final String CURSOR = "cursor";
    private static final String DONE = "done";
    private static final String COPIED = "copied";
    private static final String SKIPPED = "skipped";
    private static final String UPDATED_AT = "updatedAt";
    /** Below TransactWriteItems' 4 MB: a step of large leads is cut into several transactions. */
    private static final long TRANSACTION_BYTES = 3_000_000;

    private final DynamoDbClient dynamo;
    private final String previousTable;
    private final String leadIndexTable;
    private final LeadItemWriter writer;
    private final LeadShards shards;
    private final Clock clock;

    /** @param shards the tenants' lead shards: a copied lead is placed as a lead created now would be */
    public PreviousLeadsTable(DynamoDbClient dynamo, String previousTable, String leadsTable, String leadIndexTable,
                              LeadShards shards, Clock clock) {
        if (previousTable.equals(leadsTable)) {
            throw new IllegalStateException("PreviousLeadsTableName names today's leads table " + leadsTable
                    + ": it must name the previous layout's table");
        }
        this.dynamo = dynamo;
        this.previousTable = previousTable;
        this.leadIndexTable = leadIndexTable;
        this.writer = new LeadItemWriter(dynamo, leadsTable, leadIndexTable);
        this.shards = shards;
        this.clock = clock;
    }

    @Override
    public String name() {
        return previousTable;
    }

    @Override
    public Progress progress() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(leadIndexTable).key(progressKey())
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Progress(null, false, 0, 0);
        }
        boolean done = item.containsKey(DONE) && Boolean.TRUE.equals(item.get(DONE).bool());
        return new Progress(Items.str(item, CURSOR), done, Items.num(item, COPIED), Items.num(item, SKIPPED));
    }

    @Override
    public Step copyNext(String cursor, int max) {
        ScanResponse page;
        try {
            // consistent: a write the previous version made just before the deploy is seen (1 unit per 4 KB read)
            page = dynamo.scan(r -> r.tableName(previousTable).limit(max).consistentRead(true)
                    .exclusiveStartKey(cursor == null ? null : key(cursor)));
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("PreviousLeadsTableName names no table: " + previousTable, e);
        }
        boolean end = !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty();
        List<List<Map<String, AttributeValue>>> chunks = chunks(page.items());
        if (chunks.isEmpty()) {
            // nothing read: the end, or (never seen without a filter) a page that only moved the position
            Commit commit = commit(List.of(), cursor, end ? null : cursorOf(page.lastEvaluatedKey()), end);
            return new Step(0, 0, commit.overtaken ? cursor : commit.cursor, !commit.overtaken && end, commit.overtaken);
        }
        int copied = 0;
        int skipped = 0;
        String at = cursor;
        for (int i = 0; i < chunks.size(); i++) {
            List<Map<String, AttributeValue>> chunk = chunks.get(i);
            boolean last = end && i == chunks.size() - 1;
            Commit commit = commit(chunk, at, cursorOf(chunk.get(chunk.size() - 1)), last);
            if (commit.overtaken) {
                return new Step(copied, skipped, at, false, true);
            }
            copied += commit.copied;
            skipped += commit.skipped;
            at = commit.cursor;
        }
        return new Step(copied, skipped, at, end, false);
    }

    private record Commit(int copied, int skipped, String cursor, boolean overtaken) {
    }

    /** Copies {@code leads} and moves the position from {@code expected} to {@code next} (or done) in one transaction. */
    private Commit commit(List<Map<String, AttributeValue>> leads, String expected, String next, boolean done) {
        List<Map<String, AttributeValue>> pending = new ArrayList<>(leads);
        while (true) {
            List<TransactWriteItem> writes = new ArrayList<>();
            pending.forEach(item -> writes.add(writer.restore(item, shardOf(item))));
            int skipped = leads.size() - pending.size();
            writes.add(advance(expected, next, done, pending.size(), skipped));
            try {
                Transactions.write(dynamo, writes);
                return new Commit(pending.size(), skipped, done ? null : next, false);
            } catch (TransactionCanceledException e) {
                if (Transactions.failedCondition(e, pending.size())) {
                    return new Commit(0, 0, expected, true);
                }
                List<Map<String, AttributeValue>> absent = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    if (!Transactions.failedCondition(e, i)) {
                        absent.add(pending.get(i));
                    }
                }
                if (absent.size() == pending.size()) {
                    throw e;
                }
                pending = absent; // those already in today's table are skipped
            }
        }
    }

    /** The shard a lead created now would get (kept if the item already names one). */
    private int shardOf(Map<String, AttributeValue> item) {
        if (item.containsKey(LeadKeys.SHARD)) {
            return (int) Items.num(item, LeadKeys.SHARD);
        }
        String leadId = Items.str(item, LeadKeys.LEAD_ID);
        return LeadShards.shardOf(leadId, shards.forNewLead(Items.str(item, LeadKeys.TENANT_ID)));
    }

    private TransactWriteItem advance(String expected, String next, boolean done, int copied, int skipped) {
        Expr e = new Expr();
        String cursor = e.name(CURSOR);
        String finished = e.name(DONE);
        String update = "SET " + e.name(UPDATED_AT) + " = " + e.value(Items.instant(clock.instant()))
                + (done ? ", " + finished + " = " + e.value(Items.bool(true)) : ", " + cursor + " = " + e.value(s(next)))
                + " ADD " + e.name(COPIED) + " " + e.value(n(copied)) + ", " + e.name(SKIPPED) + " " + e.value(n(skipped))
                + (done ? " REMOVE " + cursor : "");
        String condition = (expected == null ? "attribute_not_exists(" + cursor + ")" : cursor + " = " + e.value(s(expected)))
                + " AND attribute_not_exists(" + finished + ")";
        return TransactWriteItem.builder().update(u -> u.tableName(leadIndexTable).key(progressKey())
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values)).build();
    }

    private Map<String, AttributeValue> progressKey() {
        return Map.of(IndexTable.PK, s(PROGRESS_PK + previousTable), IndexTable.SK, s(PROGRESS_SK));
    }

    private static String cursorOf(Map<String, AttributeValue> item) {
        return Items.str(item, LeadKeys.TENANT_ID) + "/" + Items.str(item, LeadKeys.LEAD_ID);
    }

    private static Map<String, AttributeValue> key(String cursor) {
        int slash = cursor.indexOf('/');
        return LeadKeys.key(cursor.substring(0, slash), cursor.substring(slash + 1));
    }

    /** The page cut where its items would make a transaction too large. */
    private static List<List<Map<String, AttributeValue>>> chunks(List<Map<String, AttributeValue>> items) {
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        List<Map<String, AttributeValue>> chunk = new ArrayList<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : items) {
            long size = size(item);
            if (!chunk.isEmpty() && bytes + size > TRANSACTION_BYTES) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(item);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** An upper estimate of an item's size: names and values as UTF-16, a few bytes per value. */
    private static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += 2L * e.getKey().length() + size(e.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue v) {
        long bytes = 8;
        if (v.s() != null) {
            bytes += 2L * v.s().length();
        } else if (v.n() != null) {
            bytes += v.n().length();
        } else if (v.b() != null) {
            bytes += v.b().asByteArray().length;
        } else if (v.hasM()) {
            bytes += size(v.m());
        } else if (v.hasL()) {
            for (AttributeValue x : v.l()) {
                bytes += size(x);
            }
        } else if (v.hasSs()) {
            for (String x : v.ss()) {
                bytes += 2L * x.length();
            }
        } else if (v.hasNs()) {
            for (String x : v.ns()) {
                bytes += x.length();
            }
        }
        return bytes;
    }
}
