package dev.leadbase.leads.store;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.SearchBackfill;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.dynamo.BatchWrite;
import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.IndexTable;
import dev.leadbase.shared.dynamo.Items;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The search upgrade on DynamoDB: phase 1 reads the leads table in its Scan order and calls
 * {@link LeadSearchIndex#index} for each lead; phase 2 reads the lead index table in its Scan order (keys only,
 * filtered to partition keys holding {@code #w#}, {@code #p#} or {@code #s#}) and deletes, by BatchWriteItem, each item
 * {@link LeadSearchIndex#formerEntry} recognises. Together with {@link PreviousLeadsTable} the only Scans of the
 * product: each reads every item of its table once, where a Query per tenant would first need the tenants.
 *
 * <p>After each step the progress item (LeadIndex {@code pk = upgrade#search}, {@code sk = progress}: {@code phase},
 * {@code cursor}, {@code done}, {@code indexed}, {@code deleted}, {@code updatedAt}) is moved to the step's last key,
 * conditional on the position the step started from: two runs at once never both advance it, and the totals count
 * each step once. A run killed between a step's writes and its position does that step again, which writes the same
 * entries and finds the deleted ones gone.
 */
public final class DynamoSearchBackfill implements SearchBackfill {
    private static final Map<String, AttributeValue> PROGRESS_KEY = Map.of(IndexTable.PK, s("upgrade#search"),
            IndexTable.SK, s("progress"));
    private static final String PHASE = "phase";
    private static final String CURSOR = "cursor";
    private static final String DONE = "done";
    private static final String INDEXED = "indexed";
    private static final String DELETED = "deleted";
    private static final String UPDATED_AT = "updatedAt";
    /** Cursor prefixes: a position among the leads (phase 1) or among the lead index items (phase 2). */
    private static final String LEAD_AT = "lead:";
    private static final String ENTRY_AT = "entry:";

    private final DynamoDbClient dynamo;
    private final String leadsTable;
    private final String leadIndexTable;
    private final LeadSearchIndex search;
    private final Clock clock;

    public DynamoSearchBackfill(DynamoDbClient dynamo, String leadsTable, String leadIndexTable, LeadSearchIndex search,
                                Clock clock) {
        this.dynamo = dynamo;
        this.leadsTable = leadsTable;
        this.leadIndexTable = leadIndexTable;
        this.search = search;
        this.clock = clock;
    }

    @Override
    public Progress progress() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(leadIndexTable).key(PROGRESS_KEY)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Progress.START : progress(item);
    }

    @Override
    public Step indexNext(String cursor, int max) {
        Expr e = new Expr();
        // only what tells a lead item (LeadItems.holdsLead) and its key
        String projection = String.join(", ", e.name(LeadKeys.TENANT_ID), e.name(LeadKeys.LEAD_ID),
                e.name(LeadKeys.FILTERABLE) + "." + e.name(LeadKeys.CREATED_AT), e.name(LeadKeys.CREATED_AT));
        // consistent: a lead the previous version wrote just before the deploy is seen
        ScanResponse page = dynamo.scan(r -> r.tableName(leadsTable).limit(max).consistentRead(true)
                .projectionExpression(projection).expressionAttributeNames(e.names)
                .exclusiveStartKey(cursor == null ? null : key(cursor, LEAD_AT, LeadKeys.TENANT_ID, LeadKeys.LEAD_ID)));
        List<Callable<Integer>> leads = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            if (LeadItems.holdsLead(item)) {
                String tenantId = Items.str(item, LeadKeys.TENANT_ID);
                String leadId = Items.str(item, LeadKeys.LEAD_ID);
                leads.add(() -> search.index(tenantId, leadId));
            }
        }
        if (!leads.isEmpty()) {
            AtOnce.all(leads);
        }
        String next = end(page) ? null : cursor(LEAD_AT, page.lastEvaluatedKey(), LeadKeys.TENANT_ID, LeadKeys.LEAD_ID);
        Progress reached = advance(INDEX, cursor, next == null ? DELETE : INDEX, next, false, leads.size(), 0);
        return new Step(read(page), leads.size(), 0, reached);
    }

    @Override
    public Step deleteNext(String cursor, int max) {
        Expr e = new Expr();
        String pk = e.name(IndexTable.PK);
        String filter = "contains(" + pk + ", " + e.value(s("#w#")) + ") OR contains(" + pk + ", "
                + e.value(s("#p#")) + ") OR contains(" + pk + ", " + e.value(s("#s#")) + ")";
        // consistent: an entry the previous version wrote just before the deploy is seen
        ScanResponse page = dynamo.scan(r -> r.tableName(leadIndexTable).limit(max).consistentRead(true)
                .projectionExpression(pk + ", " + e.name(IndexTable.SK)).filterExpression(filter)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values)
                .exclusiveStartKey(cursor == null ? null : key(cursor, ENTRY_AT, IndexTable.PK, IndexTable.SK)));
        List<WriteRequest> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            if (LeadSearchIndex.formerEntry(item)) {
                Map<String, AttributeValue> key = Map.of(IndexTable.PK, item.get(IndexTable.PK), IndexTable.SK,
                        item.get(IndexTable.SK));
                deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
            }
        }
        BatchWrite.all(dynamo, leadIndexTable, deletes);
        String next = end(page) ? null : cursor(ENTRY_AT, page.lastEvaluatedKey(), IndexTable.PK, IndexTable.SK);
        Progress reached = advance(DELETE, cursor, DELETE, next, next == null, 0, deletes.size());
        return new Step(read(page), 0, deletes.size(), reached);
    }

    /**
     * Moves the stored position from ({@code phase}, {@code expected}) to ({@code nextPhase}, {@code next}), or to
     * done, adding the step's counts; null when the stored position is no longer the expected one.
     */
    private Progress advance(int phase, String expected, int nextPhase, String next, boolean done, int indexed,
                             int deleted) {
        Expr e = new Expr();
        String phaseName = e.name(PHASE);
        String cursor = e.name(CURSOR);
        String finished = e.name(DONE);
        String update = "SET " + phaseName + " = " + e.value(n(nextPhase)) + ", " + e.name(UPDATED_AT) + " = "
                + e.value(Items.instant(clock.instant()))
                + (next != null ? ", " + cursor + " = " + e.value(s(next)) : "")
                + (done ? ", " + finished + " = " + e.value(Items.bool(true)) : "")
                + " ADD " + e.name(INDEXED) + " " + e.value(n(indexed)) + ", "
                + e.name(DELETED) + " " + e.value(n(deleted))
                + (next == null ? " REMOVE " + cursor : "");
        String at = phaseName + " = " + e.value(n(phase)) + " AND "
                + (expected == null ? "attribute_not_exists(" + cursor + ")" : cursor + " = " + e.value(s(expected)));
        // no progress item yet: the upgrade has not begun (phase 1, no cursor)
        String condition = (phase == INDEX && expected == null ? "(attribute_not_exists(" + e.name(IndexTable.PK)
                + ") OR " + at + ")" : at) + " AND attribute_not_exists(" + finished + ")";
        try {
            return progress(dynamo.updateItem(u -> u.tableName(leadIndexTable).key(PROGRESS_KEY)
                    .updateExpression(update).conditionExpression(condition).expressionAttributeNames(e.names)
                    .expressionAttributeValues(e.values).returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException overtaken) {
            return null;
        }
    }

    private static Progress progress(Map<String, AttributeValue> item) {
        boolean done = item.containsKey(DONE) && Boolean.TRUE.equals(item.get(DONE).bool());
        return new Progress((int) Items.num(item, PHASE), done ? null : Items.str(item, CURSOR), done,
                Items.num(item, INDEXED), Items.num(item, DELETED));
    }

    /** Items the page read, those its filter left out included. */
    private static int read(ScanResponse page) {
        return page.scannedCount() == null ? page.items().size() : page.scannedCount();
    }

    private static boolean end(ScanResponse page) {
        return !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty();
    }

    /** A position as the operator sees it: the key's two parts, {@code /} and {@code %} escaped in each. */
    private static String cursor(String kind, Map<String, AttributeValue> key, String first, String second) {
        return kind + escape(key.get(first).s()) + "/" + escape(key.get(second).s());
    }

    /** The key a stored cursor names (only stored cursors are read: the use case refuses any other). */
    private static Map<String, AttributeValue> key(String cursor, String kind, String first, String second) {
        if (!cursor.startsWith(kind) || cursor.indexOf('/') < 0) {
            throw new IllegalStateException("The stored search upgrade position is not one of its phase: " + cursor);
        }
        String[] parts = cursor.substring(kind.length()).split("/", 2);
        return Map.of(first, s(unescape(parts[0])), second, s(unescape(parts[1])));
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace("/", "%2F");
    }

    private static String unescape(String part) {
        return part.replace("%2F", "/").replace("%25", "%");
    }
}
