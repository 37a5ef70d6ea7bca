package dev.leadbase.enrichment.store;

import static dev.leadbase.enrichment.store.EnrichmentJobItems.OPENED_AT;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.OPEN_KEY;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.jobItem;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.jobSk;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.key;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.rateSk;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.resultItem;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.shared.dynamo.CreditLedger;
import dev.leadbase.shared.dynamo.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The EnrichmentJobs table ({@link EnrichmentJobItems}): the job header, one result per input lead and the tenant's
 * hourly rate counters (expiring by TTL). This class writes them, moving the credit ledger on the Tenants item in the
 * same transactions (settling leads and recording their write-backs through {@link Settlements});
 * {@link EnrichmentJobReads} reads them.
 */
public final class DynamoEnrichmentJobRepository implements EnrichmentJobRepository {
    public static final String PK = EnrichmentJobItems.PK;
    public static final String SK = EnrichmentJobItems.SK;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String tenantsTable;
    private final EnrichmentJobReads reads;
    private final Settlements settlements;

    public DynamoEnrichmentJobRepository(DynamoDbClient dynamo, String table, String tenantsTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.tenantsTable = tenantsTable;
        this.reads = new EnrichmentJobReads(dynamo, table);
        this.settlements = new Settlements(dynamo, table, tenantsTable);
    }

    @Override
    public CreateOutcome create(EnrichmentJob job, List<LeadResult> pending, RateWindow window) {
        int count = pending.size();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(job.tenantId(), rateSk(window)))
                .updateExpression("ADD #count :n SET expiresAt = :exp")
                .conditionExpression("attribute_not_exists(#count) OR #count <= :max")
                .expressionAttributeNames(Map.of("#count", "leadCount"))
                .expressionAttributeValues(Map.of(":n", n(count), ":max", n(window.limit() - count),
                        ":exp", n(window.end().getEpochSecond() + 3600)))
                .build()).build());
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(tenantsTable)
                .key(CreditLedger.key(job.tenantId()))
                .updateExpression("ADD #rem :minus, #res :n")
                .conditionExpression("attribute_exists(#pk) AND #rem >= :n")
                .expressionAttributeNames(Map.of("#rem", CreditLedger.REMAINING,
                        "#res", CreditLedger.RESERVED, "#pk", CreditLedger.PK))
                .expressionAttributeValues(Map.of(":n", n(count), ":minus", n(-count)))
                .build()).build());
        writes.add(put(jobItem(job)));
        for (LeadResult result : pending) {
            writes.add(put(resultItem(result)));
        }
        try {
            Transactions.write(dynamo, writes);
            return CreateOutcome.CREATED;
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                return CreateOutcome.RATE_LIMITED;
            }
            if (Transactions.failedCondition(e, 1)) {
                return CreateOutcome.INSUFFICIENT_CREDITS;
            }
            throw e;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))
                .build()).build();
    }

    @Override
    public List<LeadResult> settle(List<LeadResult> settled) {
        return settlements.settle(settled);
    }

    @Override
    public void writeBackDone(List<LeadResult> results) {
        settlements.writeBackDone(results);
    }

    @Override
    public boolean close(String tenantId, String jobId) {
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(table).key(key(tenantId, jobSk(jobId)))
                    .updateExpression("REMOVE #k, #at").conditionExpression("attribute_exists(#sk) AND settled >= #total")
                    .expressionAttributeNames(Map.of("#k", OPEN_KEY, "#at", OPENED_AT, "#sk", SK, "#total", "total"))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<EnrichmentJob> find(String tenantId, String jobId) {
        return reads.find(tenantId, jobId);
    }

    @Override
    public Optional<LeadResult> result(String tenantId, String jobId, int index) {
        return reads.result(tenantId, jobId, index);
    }

    @Override
    public List<LeadResult> results(String tenantId, String jobId) {
        return reads.results(tenantId, jobId);
    }

    @Override
    public LeadsWithJobs resultsWithJobs(Collection<EnrichmentMessage> leads) {
        return reads.resultsWithJobs(leads);
    }

    @Override
    public JobPage list(String tenantId, String ownerScope, String afterJobId, int limit) {
        return reads.list(tenantId, ownerScope, afterJobId, limit);
    }

    @Override
    public Iterable<JobKey> openJobs(Instant createdBefore) {
        return reads.openJobs(createdBefore);
    }
}
