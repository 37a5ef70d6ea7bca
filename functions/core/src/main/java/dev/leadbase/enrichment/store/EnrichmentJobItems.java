package dev.leadbase.enrichment.store;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;
import static dev.leadbase.shared.dynamo.Items.num;
import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.shared.dynamo.Items.str;

import dev.leadbase.enrichment.domain.Enrichment;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.EnrichmentJobRepository.RateWindow;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.domain.LeadResult;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the EnrichmentJobs table (PK {@code tenantId}, SK {@code sk}): their keys, and jobs and results as
 * items and back. A job header is {@code JOB#<jobId>}, a result {@code RES#<jobId>#<index>}, a rate counter
 * {@code RATE#<window start>}.
 */
final class EnrichmentJobItems {
    static final String PK = "tenantId";
    static final String SK = "sk";
    static final String JOB_PREFIX = "JOB#";
    static final String BY_OPEN = "ByOpenJob";
    static final String OPEN_KEY = "openKey";
    static final String OPENED_AT = "openedAt";
    static final String OPEN = "open";
    static final String OWNER_SCOPE = "ownerScope";
    /** On a job header: how many settled leads still wait for their write-back. */
    static final String WRITE_BACKS = "writeBacksPending";
    /** Fixed width, so that the open-jobs index sorts its {@code openedAt} keys by time. */
    private static final DateTimeFormatter OPENED_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> INPUT_FIELDS =
            List.of("leadId", "email", "linkedinUrl", "firstName", "lastName", "company", "title", "phone");

    private EnrichmentJobItems() {
    }

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

    static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of(PK, s(tenantId), SK, s(sk));
    }

    /** An instant as the open-jobs index writes it: its keys begin with the job's creation time. */
    static String openedTime(Instant t) {
        return OPENED_TIME.format(t);
    }

    static Map<String, AttributeValue> jobItem(EnrichmentJob job) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(job.tenantId()));
        item.put(SK, s(jobSk(job.jobId())));
        item.put("jobId", s(job.jobId()));
        item.put("total", n(job.total()));
        item.put("settled", n(0));
        item.put("enriched", n(0));
        item.put("noMatch", n(0));
        item.put("failed", n(0));
        EnrichmentOptions o = job.options();
        item.put("options", AttributeValue.fromM(Map.of("includePersonalInfo", Items.bool(o.includePersonalInfo()),
                "includeCompanyInfo", Items.bool(o.includeCompanyInfo()),
                "includeSocialProfiles", Items.bool(o.includeSocialProfiles()),
                "includeContactInfo", Items.bool(o.includeContactInfo()))));
        item.put("minConfidence", n(job.minConfidence()));
        item.put("overwrite", Items.bool(job.overwrite()));
        item.put("createdAt", instant(job.createdAt()));
        if (job.ownerScope() != null) {
            item.put(OWNER_SCOPE, s(job.ownerScope()));
        }
        // in the sparse open-jobs index until the sweep closes it (see ExpireStaleJobs)
        item.put(OPEN_KEY, s(OPEN));
        item.put(OPENED_AT, s(openedTime(job.createdAt()) + "#" + job.tenantId() + "#" + job.jobId()));
        return item;
    }

    static Map<String, AttributeValue> resultItem(LeadResult result) {
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

    static EnrichmentJob toJob(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> options = item.get("options") != null && item.get("options").hasM()
                ? item.get("options").m() : Map.of();
        return new EnrichmentJob(str(item, PK), str(item, "jobId"), (int) num(item, "total"), (int) num(item, "settled"),
                (int) num(item, "enriched"), (int) num(item, "noMatch"), (int) num(item, "failed"),
                new EnrichmentOptions(flag(options, "includePersonalInfo"), flag(options, "includeCompanyInfo"),
                        flag(options, "includeSocialProfiles"), flag(options, "includeContactInfo")),
                Items.decimal(item, "minConfidence").orElse(0.0),
                Boolean.TRUE.equals(item.getOrDefault("overwrite", Items.bool(false)).bool()),
                Items.time(item, "createdAt"), Items.time(item, "lastSettledAt"), str(item, OWNER_SCOPE),
                (int) num(item, WRITE_BACKS));
    }

    /** A kind of data is asked for unless the job switched it off. */
    private static boolean flag(Map<String, AttributeValue> options, String name) {
        AttributeValue v = options.get(name);
        return v == null || v.bool() == null || v.bool();
    }

    static LeadResult toResult(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> in = item.get("input") != null && item.get("input").hasM()
                ? item.get("input").m() : Map.of();
        String[] input = INPUT_FIELDS.stream().map(f -> str(in, f)).toArray(String[]::new);
        String enrichmentJson = str(item, "enrichment");
        Enrichment enrichment = enrichmentJson == null ? null : toEnrichment(Json.read(enrichmentJson, Map.class));
        AttributeValue wb = item.get("writeBackPending");
        return new LeadResult(str(item, PK), str(item, "jobId"), (int) num(item, "idx"),
                new LeadInput(input[0], input[1], input[2], input[3], input[4], input[5], input[6], input[7]),
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
