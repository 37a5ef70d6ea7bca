package dev.leadbase.enrichment.store;

import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.instant;
import static dev.leadbase.shared.dynamo.Items.n;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.enrichment.domain.LeadStore;
import dev.leadbase.leads.domain.DuplicateLead;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadForm;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.StaleLeadVersion;
import dev.leadbase.shared.logging.JsonLog;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Enrichment's view of the leads: reads and field updates go through the {@link LeadRepository}
 * (which keeps email uniqueness, counters, index keys and search entries in step); the enrichment
 * record ({@code enrichedAt}, {@code enrichmentSources}, {@code confidence}) is set on the lead item
 * beside them, as those attributes feed no index.
 */
public final class DynamoEnrichedLeadStore implements LeadStore {
    private static final List<LeadForm.Field<String>> FILLABLE = List.of(LeadForm.FIRST_NAME, LeadForm.LAST_NAME,
            LeadForm.LINKEDIN_URL, LeadForm.COMPANY, LeadForm.TITLE, LeadForm.PHONE, LeadForm.LOCATION);
    private static final int ATTEMPTS = 3;

    private final LeadRepository leads;
    private final DynamoDbClient dynamo;
    private final String leadsTable;

    public DynamoEnrichedLeadStore(LeadRepository leads, DynamoDbClient dynamo, String leadsTable) {
        this.leads = leads;
        this.dynamo = dynamo;
        this.leadsTable = leadsTable;
    }

    @Override
    public Optional<Map<String, Object>> find(String tenantId, String leadId) {
        return leads.find(tenantId, leadId).map(DynamoEnrichedLeadStore::fields);
    }

    @Override
    public Map<String, String> idsByEmail(AccessPolicy access, Collection<String> emails) {
        Map<String, String> ids = new LinkedHashMap<>();
        leads.findByEmails(access.tenantId(), emails).forEach((email, lead) -> {
            if (access.reaches(lead)) {
                ids.put(email, lead.id());
            }
        });
        return ids;
    }

    @Override
    public void applyEnrichment(String tenantId, String leadId, Map<String, Object> found, boolean overwrite,
                                List<String> sources, double confidence, Instant at) {
        for (int attempt = 1; ; attempt++) {
            Optional<Lead> before = leads.find(tenantId, leadId);
            if (before.isEmpty()) {
                return;
            }
            Map<String, Object> current = fields(before.get());
            Map<LeadForm.Field<?>, Object> changes = new LinkedHashMap<>();
            for (LeadForm.Field<String> field : FILLABLE) {
                Object value = found.get(field.name());
                Object now = current.get(field.name());
                boolean empty = now == null || now.toString().isBlank();
                if (value instanceof String s && !s.isBlank() && (empty || overwrite) && !s.equals(now)) {
                    changes.put(field, s);
                }
            }
            if (changes.isEmpty()) {
                break;
            }
            try {
                leads.update(before.get(), before.get().with(LeadForm.of(changes), at));
                break;
            } catch (StaleLeadVersion e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            } catch (DuplicateLead e) {
                JsonLog.warn("enrichment write-back skipped: duplicate", Map.of("tenantId", tenantId, "leadId", leadId));
                break;
            }
        }
        try {
            Transactions.retrying(() -> dynamo.updateItem(r -> r.tableName(leadsTable).key(LeadKeys.key(tenantId, leadId))
                    .updateExpression("SET enrichedAt = :at, enrichmentSources = :sources, confidence = :c")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", LeadKeys.LEAD_ID))
                    .expressionAttributeValues(Map.of(":at", instant(at),
                            ":sources", AttributeValue.fromL(sources.stream().map(Items::s).toList()),
                            ":c", n(confidence)))));
        } catch (ConditionalCheckFailedException e) {
            // the lead was deleted meanwhile: nothing to record
        }
    }

    private static Map<String, Object> fields(Lead lead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", lead.tenantId());
        m.put("ownerId", lead.ownerId());
        m.put("firstName", lead.firstName());
        m.put("lastName", lead.lastName());
        m.put("email", lead.email());
        m.put("linkedinUrl", lead.linkedinUrl());
        m.put("company", lead.company());
        m.put("title", lead.title());
        m.put("phone", lead.phone());
        m.put("location", lead.location());
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }
}
