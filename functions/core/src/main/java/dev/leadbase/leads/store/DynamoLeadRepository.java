package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;


import dev.leadbase.leads.domain.Emails;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.domain.ListLeadsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Leads in DynamoDB: reads here, every write through the {@link LeadItemWriter}, lists through {@link LeadLists}
 * (Queries on one GSI or on the search entries; never a Scan).
 */
public final class DynamoLeadRepository implements LeadRepository {
    private final DynamoDbClient dynamo;
    private final String leads;
    private final String index;
    private volatile LeadItemWriter writer;
    private final LeadLists lists;

    /** {@code shards} tells how many shards a tenant's lists query. */
    public DynamoLeadRepository(DynamoDbClient dynamo, String leadsTable, String leadIndexTable, LeadShards shards) {
        this.dynamo = dynamo;
        this.leads = leadsTable;
        this.index = leadIndexTable;
        this.lists = new LeadLists(dynamo, leadsTable, leadIndexTable, shards);
    }

    // ------------------------------------------------------------------ writes ({@link LeadItemWriter})

    /** Built on the first write: a container that only lists (a cold one's first list) never loads the write path. */
    private LeadItemWriter writer() {
        LeadItemWriter built = writer;
        if (built == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = new LeadItemWriter(dynamo, leads, index);
                }
                built = writer;
            }
        }
        return built;
    }

    @Override
    public void create(Lead lead) {
        writer().create(lead);
    }

    @Override
    public void update(Lead before, Lead after) {
        writer().update(before, after);
    }

    @Override
    public void delete(Lead lead) {
        writer().delete(lead);
    }

    @Override
    public void enrich(Lead before, Lead after, List<String> sources, double confidence, Instant at) {
        writer().enrich(before, after, sources, confidence, at);
    }

    @Override
    public void recordEnrichment(String tenantId, String leadId, List<String> sources, double confidence, Instant at) {
        writer().recordEnrichment(tenantId, leadId, sources, confidence, at);
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

    @Override
    public List<Lead> firstLeads(ListLeadsQuery q) {
        return lists.firstLeads(q);
    }
}
