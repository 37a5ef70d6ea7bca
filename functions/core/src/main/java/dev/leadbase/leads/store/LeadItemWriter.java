package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.DuplicateLead;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.StaleLeadVersion;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LeadScoreSummary;
import dev.leadbase.scoring.domain.LeadScoresChange;
import dev.leadbase.shared.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one writer of the lead item. A user's create, change and delete run in one transaction with the lead's email
 * uniqueness item and counters ({@link LeadIndexWrites}), conditional on the lead's {@code version}; search entries
 * follow ({@link LeadSearchIndex}). Scoring's fields are a write that joins scoring's own transaction, or (the events
 * worker's) is made alone, guarded by {@code scoreVersion}; enrichment's found fields and record are one conditional
 * write of the lead item alone. Only user changes (a user's or enrichment's fields) move {@code version}.
 */
public final class LeadItemWriter {
    private final DynamoDbClient dynamo;
    private final String leads;
    private final LeadIndexWrites index;
    private final LeadSearchIndex search;

    public LeadItemWriter(DynamoDbClient dynamo, String leadsTable, String leadIndexTable) {
        this.dynamo = dynamo;
        this.leads = leadsTable;
        this.index = new LeadIndexWrites(dynamo, leadIndexTable);
        this.search = new LeadSearchIndex(dynamo, leadsTable, leadIndexTable);
    }

    /**
     * A writer of the fields kept beside the user's (scores, the enrichment record), for a function given no lead
     * index table: its user writes, which keep that table in step, refuse.
     */
    public static LeadItemWriter besideUserFields(DynamoDbClient dynamo, String leadsTable) {
        return new LeadItemWriter(dynamo, leadsTable, null);
    }

    /** Stores a new lead; {@link DuplicateLead} when its email is taken in the tenant. */
    public void create(Lead lead) {
        requireIndex();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(leads).item(LeadItems.item(lead))
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", LeadKeys.LEAD_ID))).build());
        int emailAt = -1;
        if (lead.emailKey() != null) {
            emailAt = writes.size();
            writes.add(index.claimEmail(lead));
        }
        writes.addAll(index.counters(lead, index.counterChanges(List.of(), lead)));
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, emailAt)) {
                throw new DuplicateLead(index.existingId(e, emailAt, lead.tenantId(), lead.emailKey()));
            }
            throw e;
        }
        search.write(null, lead);
    }

    /**
     * Replaces the user-writable fields of {@code before} with those of {@code after}, if {@code before.version()} is
     * still current ({@link StaleLeadVersion} otherwise, {@link DuplicateLead} when the new email is taken).
     */
    public void update(Lead before, Lead after) {
        requireIndex();
        Expr e = new Expr();
        String update = setOrRemove(e, userFields(before, after));
        String condition = e.name(LeadKeys.VERSION) + " = " + e.value(n(before.version()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(leads).key(LeadKeys.key(before.tenantId(), before.id()))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values)).build());
        int emailAt = -1;
        if (!Objects.equals(before.emailKey(), after.emailKey())) {
            if (before.emailKey() != null) {
                writes.add(index.releaseEmail(before));
            }
            if (after.emailKey() != null) {
                emailAt = writes.size();
                writes.add(index.claimEmail(after));
            }
        }
        writes.addAll(index.counters(after, index.counterChanges(LeadKeys.counters(before), after)));
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException ex) {
            if (Transactions.failedCondition(ex, 0)) {
                throw stale(before);
            }
            if (Transactions.failedCondition(ex, emailAt)) {
                throw new DuplicateLead(index.existingId(ex, emailAt, after.tenantId(), after.emailKey()));
            }
            throw ex;
        }
        search.write(before, after);
    }

    /** Deletes the lead and what derives from it, if {@code lead.version()} is still current. */
    public void delete(Lead lead) {
        requireIndex();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(leads).key(LeadKeys.key(lead.tenantId(), lead.id()))
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", LeadKeys.VERSION))
                .expressionAttributeValues(Map.of(":v", n(lead.version())))).build());
        if (lead.emailKey() != null) {
            writes.add(index.releaseEmail(lead));
        }
        writes.addAll(index.counters(lead, index.counterChanges(LeadKeys.counters(lead), null)));
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                throw stale(lead);
            }
            throw e;
        }
        search.write(lead, null);
    }

    /**
     * The write of a lead's score fields (packed in {@link LeadItems#SCORES}), its newest event and their index keys, for
     * scoring's transaction: it fails its condition unless the lead exists and its {@code scoreVersion} is the one the
     * change was computed from. The separate score attributes of an item written before are removed with it.
     */
    public TransactWriteItem scores(LeadScoresChange change) {
        LeadScoreSummary summary = change.summary();
        Map<String, AttributeValue> scores = new LinkedHashMap<>();
        scores.put(LeadScoreFields.SCORE, n(summary.score()));
        scores.put(LeadScoreFields.LEVEL, text(summary.level()));
        scores.put(LeadScoreFields.ENGAGEMENT_SCORES, LeadItems.numbers(summary.engagementScores()));
        scores.put(LeadScoreFields.PROFILE_SCORES, LeadItems.numbers(summary.profileScores()));
        scores.put(LeadScoreFields.RULESET_NAMES, AttributeValue.fromM(LeadItems.strings(summary.rulesetNames())));
        scores.put(LeadScoreFields.ENGAGEMENT_PRIMARY, text(summary.engagementPrimaryRulesetName()));
        scores.put(LeadScoreFields.PROFILE_PRIMARY, text(summary.profilePrimaryRulesetName()));
        var last = change.lastEvent();
        scores.put(LeadScoreFields.LAST_EVENT_TYPE, last == null ? null : text(last.type()));
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        LeadItems.SEPARATE_SCORE_ATTRIBUTES.forEach(name -> fields.put(name, null)); // an item written before loses them
        fields.put(LeadItems.SCORES, LeadItems.packedScores(scores));
        fields.put(LeadKeys.SCORE_KEY, s(LeadKeys.scoreKey(change.leadId(), summary.score())));
        if (last != null) {
            fields.put(LeadKeys.LAST_EVENT_KEY, s(LeadKeys.lastEventKey(change.leadId(), last.at())));
        }
        fields.put(LeadKeys.SCORE_VERSION, n(change.scoreVersion() + 1));
        Expr e = new Expr();
        String update = setOrRemove(e, fields);
        String exists = "attribute_exists(" + e.name(LeadKeys.LEAD_ID) + ")";
        String version = e.name(LeadKeys.SCORE_VERSION);
        String condition = change.scoreVersion() == 0 ? exists + " AND attribute_not_exists(" + version + ")"
                : exists + " AND " + version + " = " + e.value(n(change.scoreVersion()));
        return TransactWriteItem.builder().update(u -> u.tableName(leads).key(LeadKeys.key(change.tenantId(), change.leadId()))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values)).build();
    }

    /**
     * Makes the write of {@link #scores} alone (the events worker's, which has no transaction); false when it failed its
     * condition, and then nothing was written.
     */
    public boolean writeScores(LeadScoresChange change) {
        Update u = scores(change).update();
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(u.tableName()).key(u.key())
                    .updateExpression(u.updateExpression()).conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.expressionAttributeValues())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The put of a lead item of the previous storage layout, converted to today's: every stored field kept as it is
     * (user fields, {@code version}, scores and {@code scoreVersion}, the enrichment record), placed in {@code shard}
     * (its first write in this layout, so where its shard is chosen), the index attributes and {@code f} derived again
     * from them. It fails its condition when a lead with that id is already in the table (copied before, or written
     * since the upgrade began), which is never overwritten. For the upgrade's transaction.
     */
    public TransactWriteItem restore(Map<String, AttributeValue> previous, int shard) {
        Lead lead = LeadItems.lead(previous).inShard(shard);
        Map<String, AttributeValue> item = new LinkedHashMap<>(previous);
        LeadKeys.USER_INDEX_ATTRIBUTES.forEach(item::remove);
        item.remove(LeadKeys.SCORE_KEY);
        item.remove(LeadKeys.LAST_EVENT_KEY);
        item.putAll(LeadKeys.userIndexAttributes(lead));
        item.putAll(LeadKeys.scoringIndexAttributes(lead));
        return TransactWriteItem.builder().put(p -> p.tableName(leads).item(item)
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", LeadKeys.LEAD_ID))).build();
    }

    /**
     * Enrichment's found fields and its record, in one conditional write of the lead item: the user fields of
     * {@code after} as {@link #update} writes them (moving {@code version} and their index attributes) and
     * {@code enrichedAt}, {@code enrichmentSources}, {@code confidence}, if {@code before.version()} is still current
     * ({@link StaleLeadVersion} otherwise, {@link NotFound} when the lead is gone). Found fields never change the email,
     * status, source or owner, so no email item or counter moves with them and the write is not a transaction (half the
     * units of the lead and of its index entries). Search entries follow.
     */
    public void enrich(Lead before, Lead after, List<String> sources, double confidence, Instant at) {
        requireIndex();
        if (!Objects.equals(before.emailKey(), after.emailKey())
                || !index.counterChanges(LeadKeys.counters(before), after).isEmpty()) {
            throw new IllegalArgumentException("An enrichment changes no email, status, source or owner");
        }
        Expr e = new Expr();
        Map<String, AttributeValue> fields = userFields(before, after);
        fields.putAll(enrichmentRecord(sources, confidence, at));
        String update = setOrRemove(e, fields);
        String condition = e.name(LeadKeys.VERSION) + " = " + e.value(n(before.version()));
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(leads).key(LeadKeys.key(before.tenantId(), before.id()))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(e.names).expressionAttributeValues(e.values)));
        } catch (ConditionalCheckFailedException ex) {
            throw stale(before);
        }
        search.write(before, after);
    }

    /**
     * Records that the lead was enriched ({@code enrichedAt}, {@code enrichmentSources}, {@code confidence}) when no
     * field was found to write; these feed no index and leave {@code version} as it is. A lead deleted meanwhile is
     * left alone.
     */
    public void recordEnrichment(String tenantId, String leadId, List<String> sources, double confidence, Instant at) {
        Expr e = new Expr();
        String update = setOrRemove(e, enrichmentRecord(sources, confidence, at));
        String condition = "attribute_exists(" + e.name(LeadKeys.LEAD_ID) + ")";
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(leads).key(LeadKeys.key(tenantId, leadId))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(e.names).expressionAttributeValues(e.values)));
        } catch (ConditionalCheckFailedException ex) {
            // the lead was deleted meanwhile: nothing to record
        }
    }

    /** The user fields of {@code after} and their index attributes (null: removed), and the next {@code version}. */
    private static Map<String, AttributeValue> userFields(Lead before, Lead after) {
        Map<String, AttributeValue> values = new LinkedHashMap<>(LeadItems.userAttributes(after));
        values.putAll(LeadKeys.userIndexAttributes(after));
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        LeadItems.USER_ATTRIBUTES.forEach(name -> fields.put(name, values.get(name)));
        LeadKeys.USER_INDEX_ATTRIBUTES.forEach(name -> fields.put(name, values.get(name)));
        fields.put(LeadKeys.VERSION, n(before.version() + 1));
        return fields;
    }

    private static Map<String, AttributeValue> enrichmentRecord(List<String> sources, double confidence, Instant at) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        fields.put(LeadItems.ENRICHED_AT, Items.instant(at));
        fields.put(LeadItems.ENRICHMENT_SOURCES, AttributeValue.fromL(sources.stream().map(Items::s).toList()));
        fields.put(LeadItems.CONFIDENCE, n(confidence));
        return fields;
    }

    private void requireIndex() {
        if (!index.present()) {
            throw new IllegalStateException("User writes of a lead need the lead index table");
        }
    }

    /** {@code SET} of the fields with a value and {@code REMOVE} of those without one. */
    private static String setOrRemove(Expr e, Map<String, AttributeValue> fields) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (value == null) {
                remove.add(e.name(name));
            } else {
                set.add(e.name(name) + " = " + e.value(value));
            }
        });
        return "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    }

    private static AttributeValue text(String value) {
        return value == null ? null : s(value);
    }

    private RuntimeException stale(Lead before) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(leads).key(LeadKeys.key(before.tenantId(), before.id()))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new NotFound("Lead not found");
        }
        return new StaleLeadVersion(before.version(), Items.num(item, LeadKeys.VERSION));
    }
}
