package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.leads.domain.DuplicateLead;
import dev.leadbase.leads.domain.Emails;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadScores;
import dev.leadbase.leads.domain.ListLeadsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Leads in DynamoDB. A lead item, its email uniqueness item and its counters change in one
 * transaction; search entries follow right after, idempotently, and the Leads stream checks them
 * again ({@link LeadSearchIndex}). Lists are read by {@link LeadLists}.
 */
public final class DynamoLeadRepository implements LeadRepository {
    private final DynamoDbClient dynamo;
    private final String leads;
    private final String index;
    private final LeadSearchIndex search;
    private final LeadLists lists;

    public DynamoLeadRepository(DynamoDbClient dynamo, String leadsTable, String leadIndexTable) {
        this.dynamo = dynamo;
        this.leads = leadsTable;
        this.index = leadIndexTable;
        this.search = new LeadSearchIndex(dynamo, leadsTable, leadIndexTable);
        this.lists = new LeadLists(dynamo, leadsTable, leadIndexTable);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void create(Lead lead) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(leads).item(LeadItems.item(lead))
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", LeadKeys.LEAD_ID))).build());
        int emailAt = -1;
        if (lead.emailKey() != null) {
            emailAt = writes.size();
            writes.add(claimEmail(lead));
        }
        counterDeltas(Map.of(), lead).forEach((name, delta) -> writes.add(counter(lead.tenantId(), name, delta)));
        try {
            transact(writes);
        } catch (TransactionCanceledException e) {
            if (failed(e, emailAt)) {
                throw new DuplicateLead(existingId(e, emailAt, lead.tenantId(), lead.emailKey()));
            }
            throw e;
        }
        search.write(null, lead);
    }

    @Override
    public void update(Lead before, Lead after) {
        Expr e = new Expr();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>(LeadItems.userAttributes(after));
        values.putAll(LeadKeys.userIndexAttributes(after));
        List<String> names = new ArrayList<>(LeadItems.USER_ATTRIBUTES);
        names.addAll(LeadKeys.USER_INDEX_ATTRIBUTES);
        for (String name : names) {
            if (values.containsKey(name)) {
                set.add(e.name(name) + " = " + e.value(values.get(name)));
            } else {
                remove.add(e.name(name));
            }
        }
        set.add(e.name(LeadKeys.VERSION) + " = " + e.value(Items.n(before.version() + 1)));
        String condition = e.name(LeadKeys.VERSION) + " = " + e.value(Items.n(before.version()));
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(leads).key(LeadKeys.key(before.tenantId(), before.id()))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values)).build());
        int emailAt = -1;
        if (!java.util.Objects.equals(before.emailKey(), after.emailKey())) {
            if (before.emailKey() != null) {
                writes.add(releaseEmail(before));
            }
            if (after.emailKey() != null) {
                emailAt = writes.size();
                writes.add(claimEmail(after));
            }
        }
        counterDeltas(counters(before), after).forEach((name, delta) -> writes.add(counter(after.tenantId(), name, delta)));
        try {
            transact(writes);
        } catch (TransactionCanceledException ex) {
            if (failed(ex, 0)) {
                throw stale(before);
            }
            if (failed(ex, emailAt)) {
                throw new DuplicateLead(existingId(ex, emailAt, after.tenantId(), after.emailKey()));
            }
            throw ex;
        }
        search.write(before, after);
    }

    @Override
    public void delete(Lead lead) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(leads).key(LeadKeys.key(lead.tenantId(), lead.id()))
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", LeadKeys.VERSION))
                .expressionAttributeValues(Map.of(":v", Items.n(lead.version())))).build());
        if (lead.emailKey() != null) {
            writes.add(releaseEmail(lead));
        }
        Map<String, Long> deltas = new LinkedHashMap<>();
        counters(lead).forEach(c -> deltas.put(c, -1L));
        deltas.forEach((name, delta) -> writes.add(counter(lead.tenantId(), name, delta)));
        try {
            transact(writes);
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                throw stale(lead);
            }
            throw e;
        }
        search.write(lead, null);
    }

    @Override
    public boolean updateScores(String tenantId, String leadId, LeadScores scores) {
        Expr e = new Expr();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        if (scores.score() == null) {
            remove.add(e.name("score"));
        } else {
            set.add(e.name("score") + " = " + e.value(Items.n(scores.score())));
        }
        set.add(e.name("engagementScores") + " = " + e.value(LeadItems.numbers(scores.engagementScores())));
        set.add(e.name("profileScores") + " = " + e.value(LeadItems.numbers(scores.profileScores())));
        set.add(e.name("rulesetNames") + " = " + e.value(AttributeValue.fromM(LeadItems.strings(scores.rulesetNames()))));
        if (scores.level() == null) {
            remove.add(e.name("level"));
        } else {
            set.add(e.name("level") + " = " + e.value(s(scores.level())));
        }
        LeadKeys.scoreAttributes(leadId, scores.score()).forEach((k, v) -> set.add(e.name(k) + " = " + e.value(v)));
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(leads).key(LeadKeys.key(tenantId, leadId))
                    .updateExpression(update).conditionExpression("attribute_exists(" + e.name(LeadKeys.LEAD_ID) + ")")
                    .expressionAttributeNames(e.names).expressionAttributeValues(e.values)));
            return true;
        } catch (ConditionalCheckFailedException ex) {
            return false;
        }
    }

    @Override
    public boolean recordLastEvent(String tenantId, String leadId, Instant at, String eventType) {
        Expr e = new Expr();
        String t = e.value(s(LeadKeys.time(at)));
        List<String> set = new ArrayList<>();
        set.add(e.name("lastEventAt") + " = " + t);
        set.add(e.name("lastEventType") + " = " + e.value(s(eventType)));
        LeadKeys.lastEventAttributes(leadId, at).forEach((k, v) -> set.add(e.name(k) + " = " + e.value(v)));
        String condition = "attribute_exists(" + e.name(LeadKeys.LEAD_ID) + ") AND (attribute_not_exists("
                + e.name("lastEventAt") + ") OR " + e.name("lastEventAt") + " <= " + t + ")";
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(leads).key(LeadKeys.key(tenantId, leadId))
                    .updateExpression("SET " + String.join(", ", set)).conditionExpression(condition)
                    .expressionAttributeNames(e.names).expressionAttributeValues(e.values)));
            return true;
        } catch (ConditionalCheckFailedException ex) {
            return false;
        }
    }

    private TransactWriteItem claimEmail(Lead lead) {
        Map<String, AttributeValue> item = new HashMap<>(LeadKeys.emailKey(lead.tenantId(), lead.emailKey()));
        item.put(LeadKeys.LEAD_ID, s(lead.id()));
        return TransactWriteItem.builder().put(p -> p.tableName(index).item(item)
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", LeadKeys.PK))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
    }

    private TransactWriteItem releaseEmail(Lead lead) {
        return TransactWriteItem.builder().delete(d -> d.tableName(index).key(LeadKeys.emailKey(lead.tenantId(), lead.emailKey()))
                .conditionExpression("attribute_not_exists(#pk) OR #id = :id")
                .expressionAttributeNames(Map.of("#pk", LeadKeys.PK, "#id", LeadKeys.LEAD_ID))
                .expressionAttributeValues(Map.of(":id", s(lead.id())))).build();
    }

    private TransactWriteItem counter(String tenantId, String name, long delta) {
        return TransactWriteItem.builder().update(u -> u.tableName(index).key(LeadKeys.counterKey(tenantId, name))
                .updateExpression("ADD #n :d").expressionAttributeNames(Map.of("#n", LeadKeys.COUNT))
                .expressionAttributeValues(Map.of(":d", Items.n(delta)))).build();
    }

    private static List<String> counters(Lead lead) {
        return LeadKeys.counters(lead);
    }

    /** Net counter changes from {@code before} counters to those of {@code after}; unchanged ones dropped. */
    private static Map<String, Long> counterDeltas(Object beforeCounters, Lead after) {
        Map<String, Long> deltas = new LinkedHashMap<>();
        if (beforeCounters instanceof List<?> list) {
            list.forEach(c -> deltas.merge((String) c, -1L, Long::sum));
        }
        LeadKeys.counters(after).forEach(c -> deltas.merge(c, 1L, Long::sum));
        deltas.values().removeIf(v -> v == 0);
        return deltas;
    }

    private RuntimeException stale(Lead before) {
        Optional<Lead> current = find(before.tenantId(), before.id());
        if (current.isEmpty()) {
            return new NotFound("Lead not found");
        }
        return new dev.leadbase.leads.domain.StaleLeadVersion(before.version(), current.get().version());
    }

    private void transact(List<TransactWriteItem> writes) {
        Transactions.write(dynamo, writes);
    }

    private static boolean failed(TransactionCanceledException e, int at) {
        return Transactions.failedCondition(e, at);
    }

    private String existingId(TransactionCanceledException e, int at, String tenantId, String email) {
        Optional<Map<String, AttributeValue>> claimed = Transactions.itemAt(e, at).filter(i -> i.containsKey(LeadKeys.LEAD_ID));
        if (claimed.isPresent()) {
            return Items.str(claimed.get(), LeadKeys.LEAD_ID);
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(index)
                .key(LeadKeys.emailKey(tenantId, email)).consistentRead(true)).item();
        return item == null ? "unknown" : Items.str(item, LeadKeys.LEAD_ID);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<Lead> find(String tenantId, String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(leads).key(LeadKeys.key(tenantId, leadId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadItems.lead(item));
    }

    @Override
    public Map<String, Lead> findByEmails(String tenantId, Collection<String> emails) {
        Map<String, List<String>> asked = new HashMap<>();
        for (String email : emails) {
            if (Emails.valid(email)) {
                asked.computeIfAbsent(Emails.normalise(email), k -> new ArrayList<>()).add(email);
            }
        }
        Map<Map<String, AttributeValue>, String> normalisedByKey = new HashMap<>();
        asked.keySet().forEach(e -> normalisedByKey.put(LeadKeys.emailKey(tenantId, e), e));
        Map<String, String> idByNormalised = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, index, normalisedByKey.keySet(), true)) {
            String normalised = normalisedByKey.get(Map.of(LeadKeys.PK, item.get(LeadKeys.PK), LeadKeys.SK, item.get(LeadKeys.SK)));
            idByNormalised.put(normalised, Items.str(item, LeadKeys.LEAD_ID));
        }
        Map<String, Lead> byId = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, leads, idByNormalised.values().stream()
                .map(id -> LeadKeys.key(tenantId, id)).toList(), true)) {
            Lead lead = LeadItems.lead(item);
            byId.put(lead.id(), lead);
        }
        Map<String, Lead> found = new HashMap<>();
        idByNormalised.forEach((normalised, id) -> {
            if (byId.containsKey(id)) {
                asked.get(normalised).forEach(email -> found.put(email, byId.get(id)));
            }
        });
        return found;
    }

    @Override
    public LeadPage list(ListLeadsQuery q, LeadPosition position) {
        return lists.read(q, position);
    }
}
