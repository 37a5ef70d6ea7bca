package dev.leadbase.bench;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.nul;
import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.enrichment.store.DynamoEnrichmentJobRepository;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.shared.json.Json;
import dev.leadbase.enrichment.edge.EnrichmentMessages;
import dev.leadbase.local.RunningRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The enrichment worker's irreducible DynamoDB work for one batch of messages, on scratch keys: one consistent
 * {@code BatchGetItem} of the batch's result items and job headers (a message names only tenant, job and index: the
 * lead's input, its state and the job's options are in the table, so no worker can enrich without reading them), then
 * one transaction that marks each lead's result settled once (conditional on it being unsettled), moves the batch's
 * credits from reserved to used on the tenant with one update (conditional on the reservation) and counts the leads on
 * each job header with one update, as {@code DynamoEnrichmentJobRepository.settle} does. The scratch tenant id matches
 * no tenant and no API key, so nothing real is touched.
 */
final class BareEnrichmentSettle {
    /** About the size of what the offline providers store for a matched lead. */
    private static final String ENRICHMENT = "{\"data\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
            + "\"companyDomain\":\"engines.example.com\",\"website\":\"https://engines.example.com\","
            + "\"emailQuality\":{\"validSyntax\":true,\"freeMail\":false,\"disposable\":false,\"roleAddress\":false},"
            + "\"alternativeEmails\":[\"ada@engines.example.com\",\"a.lovelace@engines.example.com\"]},"
            + "\"fieldSources\":{\"firstName\":{\"source\":\"emailAnalysis\",\"confidence\":0.7},"
            + "\"companyDomain\":{\"source\":\"emailAnalysis\",\"confidence\":0.9}},"
            + "\"confidence\":0.85,\"sources\":[\"emailAnalysis\"],\"matched\":true}";

    private final DynamoDbClient dynamo;
    private final String jobsTable;
    private final String tenantsTable;
    private final String tenantId = "bare_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final int perJob;

    /** Writes the scratch tenant (every credit reserved) and the scratch job headers, as a submit would. */
    BareEnrichmentSettle(RunningRuntime runtime, int jobs, int perJob) {
        this(runtime, runtime.dynamo(), jobs, perJob);
    }

    /** The same over another client of the runtime's DynamoDB (a metering one, to count the calls). */
    BareEnrichmentSettle(RunningRuntime runtime, DynamoDbClient dynamo, int jobs, int perJob) {
        this.dynamo = dynamo;
        this.jobsTable = runtime.tableName("EnrichmentJobsTable");
        this.tenantsTable = runtime.tableName("TenantsTable");
        this.perJob = perJob;
        long credits = (long) jobs * perJob;
        dynamo.putItem(r -> r.tableName(tenantsTable).item(Map.of(DynamoTenantRepository.PK, s(tenantId),
                DynamoTenantRepository.REMAINING, n(0), DynamoTenantRepository.RESERVED, n(credits),
                DynamoTenantRepository.USED, n(0), DynamoTenantRepository.GRANTED, n(credits))));
        for (int job = 0; job < jobs; job++) {
            Map<String, AttributeValue> header = new HashMap<>(key("JOB#" + jobId(job)));
            header.put("jobId", s(jobId(job)));
            header.put("total", n(perJob));
            for (String counter : List.of("settled", "enriched", "noMatch", "failed")) {
                header.put(counter, n(0));
            }
            header.put("createdAt", instant(Instant.now()));
            header.put("options", AttributeValue.fromM(Map.of("includePersonalInfo", Items.bool(true),
                    "includeCompanyInfo", Items.bool(true), "includeSocialProfiles", Items.bool(true),
                    "includeContactInfo", Items.bool(true))));
            header.put("minConfidence", n(0.5));
            header.put("overwrite", Items.bool(false));
            dynamo.putItem(r -> r.tableName(jobsTable).item(header));
        }
        // the pending results a submit writes, so that the batch read finds items of the real size
        List<WriteRequest> results = new ArrayList<>();
        for (int lead = 0; lead < jobs * perJob; lead++) {
            Map<String, AttributeValue> item = new HashMap<>(key(resultSk(jobId(lead / perJob), lead % perJob)));
            item.put("jobId", s(jobId(lead / perJob)));
            item.put("idx", n(lead % perJob));
            item.put("input", AttributeValue.fromM(Map.of("email", s("ada.bench" + lead + "@engines.example.com"),
                    "firstName", s("Ada"), "lastName", s("Bench" + lead), "company", s("Engines"))));
            item.put("state", s("PENDING"));
            results.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (results.size() == 25 || lead == jobs * perJob - 1) {
                Map<String, List<WriteRequest>> chunk = Map.of(jobsTable, List.copyOf(results));
                dynamo.batchWriteItem(r -> r.requestItems(chunk));
                results.clear();
            }
        }
    }

    /** The queue message of lead {@code n}: tenant, job and index, like the real one. */
    String message(int n) {
        return Json.write(Map.of("tenantId", tenantId, "jobId", jobId(n / perJob), "index", n % perJob));
    }

    /**
     * Reads a batch of messages' results and job headers together and settles their leads together, as the worker
     * does: one {@code BatchGetItem}, then one transaction for the whole batch.
     */
    void settle(List<String> batch) {
        Instant now = Instant.now();
        List<EnrichmentMessage> messages = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String body : batch) {
            EnrichmentMessage m = EnrichmentMessages.parse(body)
                    .orElseThrow(() -> new IllegalArgumentException("Not an enrichment message: " + body));
            messages.add(m);
            keys.add(key(resultSk(m.jobId(), m.index())));
            keys.add(key("JOB#" + m.jobId()));
        }
        int found = BatchGet.items(dynamo, jobsTable, keys, true).size();
        if (found < batch.size() + 1) {
            throw new IllegalStateException("bare loop: read " + found + " items for a batch of " + batch.size());
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, Integer> perJob = new LinkedHashMap<>();
        for (EnrichmentMessage m : messages) {
            writes.add(result(m, now));
            perJob.merge(m.jobId(), 1, Integer::sum);
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(tenantsTable)
                .key(DynamoTenantRepository.key(tenantId))
                .updateExpression("ADD #res :minusN, #to :n")
                .conditionExpression("#res >= :n")
                .expressionAttributeNames(Map.of("#res", DynamoTenantRepository.RESERVED,
                        "#to", DynamoTenantRepository.USED))
                .expressionAttributeValues(Map.of(":n", n(batch.size()), ":minusN", n(-batch.size()))).build()).build());
        perJob.forEach((jobId, count) -> writes.add(TransactWriteItem.builder().update(Update.builder().tableName(jobsTable)
                .key(key("JOB#" + jobId))
                .updateExpression("ADD settled :n, enriched :n SET lastSettledAt = :at")
                .conditionExpression("attribute_exists(#sk)")
                .expressionAttributeNames(Map.of("#sk", DynamoEnrichmentJobRepository.SK))
                .expressionAttributeValues(Map.of(":n", n(count), ":at", instant(now))).build()).build()));
        dynamo.transactWriteItems(r -> r.transactItems(writes));
    }

    /** The lead's result settled once (conditional on it being unsettled). */
    private TransactWriteItem result(EnrichmentMessage m, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s("ENRICHED"));
        values.put(":pending", s("PENDING"));
        values.put(":at", instant(now));
        values.put(":enrichment", s(ENRICHMENT));
        values.put(":code", nul());
        values.put(":message", nul());
        values.put(":target", nul());
        values.put(":wb", Items.bool(false));
        return TransactWriteItem.builder().update(Update.builder().tableName(jobsTable)
                .key(key(resultSk(m.jobId(), m.index())))
                .updateExpression("SET #state = :state, settledAt = :at, enrichment = :enrichment, "
                        + "#code = :code, #message = :message, targetLeadId = :target, writeBackPending = :wb")
                .conditionExpression("attribute_not_exists(#state) OR #state = :pending")
                .expressionAttributeNames(Map.of("#state", "state", "#code", "code", "#message", "message"))
                .expressionAttributeValues(values).build()).build();
    }

    private Map<String, AttributeValue> key(String sk) {
        return Map.of(DynamoEnrichmentJobRepository.PK, s(tenantId), DynamoEnrichmentJobRepository.SK, s(sk));
    }

    private static String resultSk(String jobId, int index) {
        return "RES#" + jobId + "#" + String.format("%03d", index);
    }

    private String jobId(int job) {
        return "job_bare" + tenantId.substring(5) + job;
    }
}
