package dev.leadbase.enrichment.store;

import static dev.leadbase.enrichment.store.EnrichmentJobItems.SK;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.WRITE_BACKS;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.jobSk;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.key;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.resultSk;
import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.enrichment.domain.EnrichmentJobRepository.JobKey;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.shared.dynamo.CreditLedger;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The transactions that settle leads (their results, their tenants' ledgers and their jobs' counters, each item once
 * per transaction) and that record their write-backs done, for {@link DynamoEnrichmentJobRepository}.
 */
final class Settlements {
    /**
     * Results settled in one transaction at most: with one tenant and one job item each, 75 of the 100 items a
     * transaction may hold.
     */
    private static final int RESULTS_PER_SETTLEMENT = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String tenantsTable;

    Settlements(DynamoDbClient dynamo, String table, String tenantsTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.tenantsTable = tenantsTable;
    }

    /** See {@link dev.leadbase.enrichment.domain.EnrichmentJobRepository#settle}. */
    List<LeadResult> settle(List<LeadResult> settled) {
        if (settled.stream().anyMatch(result -> !result.settled())) {
            throw new IllegalArgumentException("A settlement needs a final state");
        }
        List<LeadResult> all = distinct(settled);
        List<LeadResult> written = new ArrayList<>();
        for (int from = 0; from < all.size(); from += RESULTS_PER_SETTLEMENT) {
            written.addAll(settleTogether(all.subList(from, Math.min(all.size(), from + RESULTS_PER_SETTLEMENT))));
        }
        return written;
    }

    /** The results, each lead's first only: one transaction may write an item once. */
    private static List<LeadResult> distinct(List<LeadResult> results) {
        Map<String, LeadResult> byLead = new LinkedHashMap<>();
        results.forEach(r -> byLead.putIfAbsent(r.tenantId() + "/" + resultSk(r.jobId(), r.index()), r));
        return List.copyOf(byLead.values());
    }

    /**
     * One transaction of the results still pending, their tenants' ledgers and their jobs' counters; a result another
     * settlement wrote first fails its condition and cancels it, and the others are written again without it.
     */
    private List<LeadResult> settleTogether(List<LeadResult> results) {
        List<LeadResult> pending = results;
        while (!pending.isEmpty()) {
            try {
                Transactions.write(dynamo, settlement(pending));
                return pending;
            } catch (TransactionCanceledException e) {
                List<LeadResult> still = Transactions.withoutFailed(e, pending);
                if (still.size() == pending.size()) {
                    throw e; // a ledger or job condition: nothing was written
                }
                pending = still;
            }
        }
        return pending;
    }

    /** The results first (so that a cancellation's reasons name them by position), then each tenant, then each job. */
    private List<TransactWriteItem> settlement(List<LeadResult> results) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, List<LeadResult>> byTenant = new LinkedHashMap<>();
        Map<JobKey, List<LeadResult>> byJob = new LinkedHashMap<>();
        for (LeadResult result : results) {
            writes.add(settledResult(result));
            byTenant.computeIfAbsent(result.tenantId(), t -> new ArrayList<>()).add(result);
            byJob.computeIfAbsent(new JobKey(result.tenantId(), result.jobId()), j -> new ArrayList<>()).add(result);
        }
        byTenant.forEach((tenantId, settled) -> writes.add(ledgerMove(tenantId, settled)));
        byJob.forEach((job, settled) -> writes.add(jobCounters(job, settled)));
        return writes;
    }

    private TransactWriteItem settledResult(LeadResult settled) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(settled.state().name()));
        values.put(":pending", s(LeadResult.State.PENDING.name()));
        values.put(":at", instant(settled.settledAt()));
        values.put(":enrichment", settled.enrichment() == null ? Items.nul() : s(Json.write(settled.enrichment())));
        values.put(":code", s(settled.code()));
        values.put(":message", s(settled.message()));
        values.put(":target", s(settled.targetLeadId()));
        values.put(":wb", Items.bool(settled.writeBackPending()));
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(settled.tenantId(), resultSk(settled.jobId(), settled.index())))
                .updateExpression("SET #state = :state, settledAt = :at, enrichment = :enrichment, "
                        + "#code = :code, #message = :message, targetLeadId = :target, writeBackPending = :wb")
                .conditionExpression("#state = :pending")
                .expressionAttributeNames(Map.of("#state", "state", "#code", "code", "#message", "message"))
                .expressionAttributeValues(values).build()).build();
    }

    /** Each lead's credit leaves reserved once: to used when charged, back to remaining when refunded. */
    private TransactWriteItem ledgerMove(String tenantId, List<LeadResult> settled) {
        long charged = settled.stream().filter(r -> r.state().charged()).count();
        long refunded = settled.size() - charged;
        Map<String, String> names = new HashMap<>(Map.of("#res", CreditLedger.RESERVED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", n(settled.size()), ":minusN", n(-settled.size())));
        StringBuilder update = new StringBuilder("ADD #res :minusN");
        if (charged > 0) {
            names.put("#used", CreditLedger.USED);
            values.put(":charged", n(charged));
            update.append(", #used :charged");
        }
        if (refunded > 0) {
            names.put("#rem", CreditLedger.REMAINING);
            values.put(":refunded", n(refunded));
            update.append(", #rem :refunded");
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(tenantsTable)
                .key(CreditLedger.key(tenantId)).updateExpression(update.toString())
                .conditionExpression("#res >= :n")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    /**
     * Each lead counts once in {@code settled} and in its outcome's counter; a write-back still to do keeps the job
     * from reading finished until writeBackDone.
     */
    private TransactWriteItem jobCounters(JobKey job, List<LeadResult> settled) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("settled", (long) settled.size());
        for (LeadResult result : settled) {
            counts.merge(counter(result.state()), 1L, Long::sum);
            if (result.writeBackPending()) {
                counts.merge(WRITE_BACKS, 1L, Long::sum);
            }
        }
        Map<String, String> names = new HashMap<>(Map.of("#sk", SK));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        counts.forEach((name, count) -> {
            String at = Integer.toString(adds.size());
            names.put("#c" + at, name);
            values.put(":c" + at, n(count));
            adds.add("#c" + at + " :c" + at);
        });
        Instant last = settled.stream().map(LeadResult::settledAt).max(Instant::compareTo).orElseThrow();
        values.put(":at", instant(last));
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(job.tenantId(), jobSk(job.jobId())))
                .updateExpression("ADD " + String.join(", ", adds) + " SET lastSettledAt = :at")
                .conditionExpression("attribute_exists(#sk)")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private static String counter(LeadResult.State state) {
        return switch (state) {
            case ENRICHED -> "enriched";
            case NO_MATCH -> "noMatch";
            case FAILED -> "failed";
            case PENDING -> throw new IllegalArgumentException("A settlement needs a final state");
        };
    }

    /** See {@link dev.leadbase.enrichment.domain.EnrichmentJobRepository#writeBackDone}. */
    void writeBackDone(List<LeadResult> results) {
        List<LeadResult> all = distinct(results);
        for (int from = 0; from < all.size(); from += RESULTS_PER_SETTLEMENT) {
            writeBacksDone(all.subList(from, Math.min(all.size(), from + RESULTS_PER_SETTLEMENT)));
        }
    }

    /**
     * Once per lead: the results' flags and their jobs' counts of write-backs still to do change together, in one
     * transaction; a result recorded before fails its condition and the others are written again without it.
     */
    private void writeBacksDone(List<LeadResult> results) {
        List<LeadResult> pending = results;
        while (!pending.isEmpty()) {
            try {
                Transactions.write(dynamo, writeBacks(pending));
                return;
            } catch (TransactionCanceledException e) {
                List<LeadResult> still = Transactions.withoutFailed(e, pending);
                if (still.size() == pending.size()) {
                    still.forEach(this::writeBackDoneAlone); // a job that does not count these leads' write-backs
                    return;
                }
                pending = still;
            }
        }
    }

    private List<TransactWriteItem> writeBacks(List<LeadResult> results) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<JobKey, Integer> perJob = new LinkedHashMap<>();
        for (LeadResult result : results) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(result.tenantId(), resultSk(result.jobId(), result.index())))
                    .updateExpression("SET writeBackPending = :f").conditionExpression("writeBackPending = :t")
                    .expressionAttributeValues(Map.of(":f", Items.bool(false), ":t", Items.bool(true))).build()).build());
            perJob.merge(new JobKey(result.tenantId(), result.jobId()), 1, Integer::sum);
        }
        perJob.forEach((job, count) -> writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(job.tenantId(), jobSk(job.jobId())))
                .updateExpression("ADD #wb :minusN").conditionExpression("#wb >= :n")
                .expressionAttributeNames(Map.of("#wb", WRITE_BACKS))
                .expressionAttributeValues(Map.of(":n", n(count), ":minusN", n(-count))).build()).build()));
        return writes;
    }

    /** One lead's write-back recorded alone, for a job that may have settled it before jobs counted write-backs. */
    private void writeBackDoneAlone(LeadResult result) {
        Map<String, AttributeValue> resultKey = key(result.tenantId(), resultSk(result.jobId(), result.index()));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(resultKey)
                        .updateExpression("SET writeBackPending = :f").conditionExpression("writeBackPending = :t")
                        .expressionAttributeValues(Map.of(":f", Items.bool(false), ":t", Items.bool(true))).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(result.tenantId(), jobSk(result.jobId())))
                        .updateExpression("ADD #wb :minusOne").conditionExpression("#wb >= :one")
                        .expressionAttributeNames(Map.of("#wb", WRITE_BACKS))
                        .expressionAttributeValues(Map.of(":one", n(1), ":minusOne", n(-1))).build()).build());
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                return; // recorded already
            }
            if (!Transactions.failedCondition(e, 1)) {
                throw e;
            }
            // a lead settled before jobs counted their write-backs
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(table).key(resultKey)
                    .updateExpression("SET writeBackPending = :f")
                    .expressionAttributeValues(Map.of(":f", Items.bool(false)))));
        }
    }
}
