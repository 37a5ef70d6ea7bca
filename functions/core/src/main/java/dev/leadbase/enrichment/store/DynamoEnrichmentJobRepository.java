package dev.leadbase.enrichment.store;

import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.num;
import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.shared.dynamo.Items.str;

import dev.leadbase.enrichment.domain.Enrichment;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.shared.json.Json;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * EnrichmentJobs table (PK {@code tenantId}, SK {@code sk}): the job header ({@code JOB#<jobId>}),
 * one result per input lead ({@code RES#<jobId>#<index>}) and the tenant's hourly rate counters
 * ({@code RATE#<window start>}, expiring by TTL). The credit ledger on the Tenants item moves in
 * the same transactions as these items.
 */
public final class DynamoEnrichmentJobRepository implements EnrichmentJobRepository {
    public static final String PK = "tenantId";
    public static final String SK = "sk";
    static final String BY_OPEN = "ByOpenJob";
    static final String OPEN_KEY = "openKey";
    static final String OPENED_AT = "openedAt";
    static final String OPEN = "open";
    static final String OWNER_SCOPE = "ownerScope";
    /** On a job header: how many settled leads still wait for their write-back. */
    static final String WRITE_BACKS = "writeBacksPending";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String tenantsTable;

    public DynamoEnrichmentJobRepository(DynamoDbClient dynamo, String table, String tenantsTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.tenantsTable = tenantsTable;
    }

    private static final String JOB_PREFIX = "JOB#";
    private static final int OPEN_JOBS_PAGE = 100;

    static String jobSk(String jobId) {
        return JOB_PREFIX + jobId;
    }

    static String resultPrefix(String jobId) {
        return "RES#" + jobId + "#";
    }

    static String resultSk(String jobId, int index) {
        return resultPrefix(jobId) + String.format("%03d", index);
    }

    static String rateSk(RateWindow window) {
        return "RATE#" + window.start();
    }

    private static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of(PK, s(tenantId), SK, s(sk));
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
                .key(DynamoTenantRepository.key(job.tenantId()))
                .updateExpression("ADD #rem :minus, #res :n")
                .conditionExpression("attribute_exists(#pk) AND #rem >= :n")
                .expressionAttributeNames(Map.of("#rem", DynamoTenantRepository.REMAINING,
                        "#res", DynamoTenantRepository.RESERVED, "#pk", DynamoTenantRepository.PK))
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
    public Optional<EnrichmentJob> find(String tenantId, String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId, jobSk(jobId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toJob(item));
    }

    @Override
    public Optional<LeadResult> result(String tenantId, String jobId, int index) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(key(tenantId, resultSk(jobId, index))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toResult(item));
    }

    @Override
    public List<LeadResult> results(String tenantId, String jobId) {
        List<LeadResult> results = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :t AND begins_with(#sk, :p)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":t", s(tenantId), ":p", s(resultPrefix(jobId)))))
                .items().forEach(item -> results.add(toResult(item)));
        return results;
    }

    @Override
    public LeadsWithJobs resultsWithJobs(Collection<EnrichmentMessage> leads) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (EnrichmentMessage lead : leads) {
            keys.add(key(lead.tenantId(), resultSk(lead.jobId(), lead.index())));
            keys.add(key(lead.tenantId(), jobSk(lead.jobId())));
        }
        Map<EnrichmentMessage, LeadResult> results = new HashMap<>();
        Map<JobKey, EnrichmentJob> jobs = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys, true)) {
            if (str(item, SK).startsWith("JOB#")) {
                EnrichmentJob job = toJob(item);
                jobs.put(new JobKey(job.tenantId(), job.jobId()), job);
            } else {
                LeadResult result = toResult(item);
                results.put(new EnrichmentMessage(result.tenantId(), result.jobId(), result.index()), result);
            }
        }
        return new LeadsWithJobs(results, jobs);
    }

    @Override
    public boolean settle(LeadResult settled) {
        boolean charged = settled.state().charged();
        String counter = switch (settled.state()) {
            case ENRICHED -> "enriched";
            case NO_MATCH -> "noMatch";
            case FAILED -> "failed";
            case PENDING -> throw new IllegalArgumentException("A settlement needs a final state");
        };
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(settled.state().name()));
        values.put(":pending", s(LeadResult.State.PENDING.name()));
        values.put(":at", instant(settled.settledAt()));
        values.put(":enrichment", settled.enrichment() == null ? Items.nul() : s(Json.write(settled.enrichment())));
        values.put(":code", s(settled.code()));
        values.put(":message", s(settled.message()));
        values.put(":target", s(settled.targetLeadId()));
        values.put(":wb", Items.bool(settled.writeBackPending()));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(settled.tenantId(), resultSk(settled.jobId(), settled.index())))
                        .updateExpression("SET #state = :state, settledAt = :at, enrichment = :enrichment, "
                                + "#code = :code, #message = :message, targetLeadId = :target, writeBackPending = :wb")
                        .conditionExpression("#state = :pending")
                        .expressionAttributeNames(Map.of("#state", "state", "#code", "code", "#message", "message"))
                        .expressionAttributeValues(values).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(tenantsTable)
                        .key(DynamoTenantRepository.key(settled.tenantId()))
                        .updateExpression("ADD #res :minusOne, #to :one")
                        .conditionExpression("#res >= :one")
                        .expressionAttributeNames(Map.of("#res", DynamoTenantRepository.RESERVED,
                                "#to", charged ? DynamoTenantRepository.USED : DynamoTenantRepository.REMAINING))
                        .expressionAttributeValues(Map.of(":one", n(1), ":minusOne", n(-1))).build()).build(),
                // a write-back still to do keeps the job from reading finished until writeBackDone
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(settled.tenantId(), jobSk(settled.jobId())))
                        .updateExpression("ADD settled :one, #counter :one" + (settled.writeBackPending()
                                ? ", " + WRITE_BACKS + " :one" : "") + " SET lastSettledAt = :at")
                        .conditionExpression("attribute_exists(#sk)")
                        .expressionAttributeNames(Map.of("#counter", counter, "#sk", SK))
                        .expressionAttributeValues(Map.of(":one", n(1), ":at", instant(settled.settledAt())))
                        .build()).build());
        try {
            Transactions.write(dynamo, writes);
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void writeBackDone(LeadResult result) {
        Map<String, AttributeValue> resultKey = key(result.tenantId(), resultSk(result.jobId(), result.index()));
        // once per lead: the result's flag and the job's count of write-backs still to do change together
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

    @Override
    public JobPage list(String tenantId, String ownerScope, String afterJobId, int limit) {
        if (ownerScope == null) {
            return list(tenantId, afterJobId, limit);
        }
        // an own key's jobs are filtered from the tenant's: read on until the page is full or the jobs end
        List<EnrichmentJob> jobs = new ArrayList<>();
        String after = afterJobId;
        while (jobs.size() < limit) {
            JobPage page = list(tenantId, after, limit);
            for (EnrichmentJob job : page.jobs()) {
                if (jobs.size() < limit && ownerScope.equals(job.ownerScope())) {
                    jobs.add(job);
                }
            }
            after = page.lastJobId();
            if (after == null) {
                return new JobPage(jobs, null);
            }
        }
        return new JobPage(jobs, jobs.getLast().jobId());
    }

    private JobPage list(String tenantId, String afterJobId, int limit) {
        Map<String, AttributeValue> start = afterJobId == null ? null : key(tenantId, jobSk(afterJobId));
        // consistent: a job submitted a moment ago is listed
        Pages pages = Pages.resuming(dynamo, r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :t AND begins_with(#sk, :p)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":t", s(tenantId), ":p", s(JOB_PREFIX)))
                .scanIndexForward(false).limit(limit), start);
        List<EnrichmentJob> jobs = pages.next().items().stream().map(DynamoEnrichmentJobRepository::toJob).toList();
        String last = pages.hasNext() && jobs.size() == limit
                ? jobs.getLast().jobId() : null;
        return new JobPage(jobs, last);
    }

    @Override
    public Iterable<JobKey> openJobs(Instant createdBefore) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(BY_OPEN).limit(OPEN_JOBS_PAGE)
                .keyConditionExpression("#k = :open AND #at < :before")
                .expressionAttributeNames(Map.of("#k", OPEN_KEY, "#at", OPENED_AT))
                .expressionAttributeValues(Map.of(":open", s(OPEN), ":before", s(LeadKeys.time(createdBefore)))).build();
        return () -> Pages.items(Pages.of(dynamo, request),
                item -> new JobKey(str(item, PK), str(item, SK).substring(JOB_PREFIX.length())));
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

    private static Map<String, AttributeValue> jobItem(EnrichmentJob job) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(job.tenantId()));
        item.put(SK, s(jobSk(job.jobId())));
        item.put("jobId", s(job.jobId()));
        item.put("total", n(job.total()));
        item.put("settled", n(0));
        item.put("enriched", n(0));
        item.put("noMatch", n(0));
        item.put("failed", n(0));
        Map<String, AttributeValue> options = new HashMap<>();
        job.options().toMap().forEach((k, v) -> options.put(k, Items.bool((Boolean) v)));
        item.put("options", AttributeValue.fromM(options));
        item.put("minConfidence", n(job.minConfidence()));
        item.put("overwrite", Items.bool(job.overwrite()));
        item.put("createdAt", instant(job.createdAt()));
        if (job.ownerScope() != null) {
            item.put(OWNER_SCOPE, s(job.ownerScope()));
        }
        // in the sparse open-jobs index until the sweep closes it (see ExpireStaleJobs)
        item.put(OPEN_KEY, s(OPEN));
        item.put(OPENED_AT, s(LeadKeys.time(job.createdAt()) + "#" + job.tenantId() + "#" + job.jobId()));
        return item;
    }

    private static Map<String, AttributeValue> resultItem(LeadResult result) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(result.tenantId()));
        item.put(SK, s(resultSk(result.jobId(), result.index())));
        item.put("jobId", s(result.jobId()));
        item.put("idx", n(result.index()));
        Map<String, AttributeValue> input = new HashMap<>();
        result.input().toMap().forEach((k, v) -> input.put(k, s((String) v)));
        item.put("input", AttributeValue.fromM(input));
        if (result.targetLeadId() != null) {
            item.put("targetLeadId", s(result.targetLeadId()));
        }
        item.put("state", s(result.state().name()));
        return item;
    }

    private static EnrichmentJob toJob(Map<String, AttributeValue> item) {
        Map<String, Object> options = new HashMap<>();
        AttributeValue o = item.get("options");
        if (o != null && o.hasM()) {
            o.m().forEach((k, v) -> options.put(k, v.bool()));
        }
        return new EnrichmentJob(str(item, PK), str(item, "jobId"), (int) num(item, "total"), (int) num(item, "settled"),
                (int) num(item, "enriched"), (int) num(item, "noMatch"), (int) num(item, "failed"),
                EnrichmentOptions.fromMap(options), Items.decimal(item, "minConfidence").orElse(0.0),
                Boolean.TRUE.equals(item.getOrDefault("overwrite", Items.bool(false)).bool()),
                Items.time(item, "createdAt"), Items.time(item, "lastSettledAt"), str(item, OWNER_SCOPE),
                (int) num(item, WRITE_BACKS));
    }

    private static LeadResult toResult(Map<String, AttributeValue> item) {
        Map<String, Object> input = new LinkedHashMap<>();
        AttributeValue in = item.get("input");
        if (in != null && in.hasM()) {
            in.m().forEach((k, v) -> input.put(k, v.s()));
        }
        String enrichmentJson = str(item, "enrichment");
        Enrichment enrichment = enrichmentJson == null ? null : toEnrichment(Json.read(enrichmentJson, Map.class));
        AttributeValue wb = item.get("writeBackPending");
        return new LeadResult(str(item, PK), str(item, "jobId"), (int) num(item, "idx"), LeadInput.fromMap(input),
                str(item, "targetLeadId"), LeadResult.State.valueOf(str(item, "state")), enrichment, str(item, "code"),
                str(item, "message"), Items.time(item, "settledAt"), wb != null && Boolean.TRUE.equals(wb.bool()));
    }

    @SuppressWarnings("unchecked")
    private static Enrichment toEnrichment(Map<String, Object> m) {
        Map<String, Enrichment.FieldSource> fieldSources = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) m.getOrDefault("fieldSources", Map.of())).forEach((k, v) ->
                fieldSources.put(k, new Enrichment.FieldSource((String) v.get("source"),
                        ((Number) v.get("confidence")).doubleValue())));
        return new Enrichment((Map<String, Object>) m.getOrDefault("data", Map.of()), fieldSources,
                ((Number) m.getOrDefault("confidence", 0)).doubleValue(),
                (List<String>) m.getOrDefault("sources", List.of()), Boolean.TRUE.equals(m.get("matched")));
    }
}
