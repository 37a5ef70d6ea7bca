package dev.leadbase.enrichment.store;

import static dev.leadbase.enrichment.store.EnrichmentJobItems.BY_OPEN;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.JOB_PREFIX;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.OPENED_AT;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.OPEN;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.OPEN_KEY;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.PK;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.SK;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.jobSk;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.key;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.resultPrefix;
import static dev.leadbase.enrichment.store.EnrichmentJobItems.resultSk;
import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.shared.dynamo.Items.str;

import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository.JobKey;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository.JobPage;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository.LeadsWithJobs;
import dev.leadbase.enrichment.domain.EnrichmentMessage;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The reads of the EnrichmentJobs table: a job, its results, a tenant's jobs newest first, the open jobs. */
record EnrichmentJobReads(DynamoDbClient dynamo, String table) {
    private static final int OPEN_JOBS_PAGE = 100;

    Optional<EnrichmentJob> find(String tenantId, String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId, jobSk(jobId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(EnrichmentJobItems.toJob(item));
    }

    Optional<LeadResult> result(String tenantId, String jobId, int index) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(key(tenantId, resultSk(jobId, index))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(EnrichmentJobItems.toResult(item));
    }

    List<LeadResult> results(String tenantId, String jobId) {
        List<LeadResult> results = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :t AND begins_with(#sk, :p)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":t", s(tenantId), ":p", s(resultPrefix(jobId)))))
                .items().forEach(item -> results.add(EnrichmentJobItems.toResult(item)));
        return results;
    }

    LeadsWithJobs resultsWithJobs(Collection<EnrichmentMessage> leads) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (EnrichmentMessage lead : leads) {
            keys.add(key(lead.tenantId(), resultSk(lead.jobId(), lead.index())));
            keys.add(key(lead.tenantId(), jobSk(lead.jobId())));
        }
        Map<EnrichmentMessage, LeadResult> results = new HashMap<>();
        Map<JobKey, EnrichmentJob> jobs = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys, true)) {
            if (str(item, SK).startsWith(JOB_PREFIX)) {
                EnrichmentJob job = EnrichmentJobItems.toJob(item);
                jobs.put(new JobKey(job.tenantId(), job.jobId()), job);
            } else {
                LeadResult result = EnrichmentJobItems.toResult(item);
                results.put(new EnrichmentMessage(result.tenantId(), result.jobId(), result.index()), result);
            }
        }
        return new LeadsWithJobs(results, jobs);
    }

    JobPage list(String tenantId, String ownerScope, String afterJobId, int limit) {
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
        List<EnrichmentJob> jobs = pages.next().items().stream().map(EnrichmentJobItems::toJob).toList();
        String last = pages.hasNext() && jobs.size() == limit ? jobs.getLast().jobId() : null;
        return new JobPage(jobs, last);
    }

    Iterable<JobKey> openJobs(Instant createdBefore) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(BY_OPEN).limit(OPEN_JOBS_PAGE)
                .keyConditionExpression("#k = :open AND #at < :before")
                .expressionAttributeNames(Map.of("#k", OPEN_KEY, "#at", OPENED_AT))
                .expressionAttributeValues(Map.of(":open", s(OPEN),
                        ":before", s(EnrichmentJobItems.openedTime(createdBefore)))).build();
        return () -> Pages.items(Pages.of(dynamo, request),
                item -> new JobKey(str(item, PK), str(item, SK).substring(JOB_PREFIX.length())));
    }
}
