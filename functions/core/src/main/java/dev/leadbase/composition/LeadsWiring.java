package dev.leadbase.composition;

import dev.leadbase.access.app.TenantLeadShards;
import dev.leadbase.leads.app.FollowLeadChanges;
import dev.leadbase.leads.app.LeadChangeEvents;
import dev.leadbase.leads.app.Leads;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.store.StreamedLeadImages;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;
import java.util.function.Function;
import dev.leadbase.leads.app.LeadsUpgrade;
import dev.leadbase.leads.app.SearchUpgrade;
import dev.leadbase.leads.domain.PreviousLeads;
import dev.leadbase.leads.store.PreviousLeadsTable;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.leads.store.DynamoSearchBackfill;
import dev.leadbase.leads.store.LeadSearchIndex;
import dev.leadbase.leads.store.StreamedSearchRepair;
import dev.leadbase.shared.dynamo.Tables;

/** Builds the leads slice's use cases, repository and search index over a function's components. */
public final class LeadsWiring {
    private final Components components;

    public LeadsWiring(Components components) {
        this.components = components;
    }

    public Leads leads() {
        return new Leads(leadRepository(), new CompaniesWiring(components).companyRepository(),
                components.cursorSigner(), leadShards(), components.clock());
    }

    /** The tenants' lead shards, read from the tenant item (new leads: once per container and tenant; lists: cached). */
    public LeadShards leadShards() {
        return new TenantLeadShards(new AccessWiring(components).tenantRepository(), components.clock());
    }

    public LeadRepository leadRepository() {
        return new DynamoLeadRepository(components.dynamo(), Tables.LEADS.in(components.config()),
                Tables.LEAD_INDEX.in(components.config()), leadShards());
    }

    /** The upgrade from the previous storage layout: copies the previous leads table, if one is configured. */
    public LeadsUpgrade leadsUpgrade() {
        PreviousLeads previous = Tables.PREVIOUS_LEADS.optionalIn(components.config())
                .<PreviousLeads>map(table -> new PreviousLeadsTable(components.dynamo(), table,
                        Tables.LEADS.in(components.config()), Tables.LEAD_INDEX.in(components.config()), leadShards(),
                        components.clock()))
                .orElse(PreviousLeads.NONE);
        return new LeadsUpgrade(previous);
    }

    /** The search entries' upgrade to today's layout (README, "Upgrading the search entries"). */
    public SearchUpgrade searchUpgrade() {
        return new SearchUpgrade(new DynamoSearchBackfill(components.dynamo(), Tables.LEADS.in(components.config()),
                Tables.LEAD_INDEX.in(components.config()), leadSearchIndex(), components.clock()));
    }

    /** The Leads stream's search repair. */
    public StreamedSearchRepair searchRepair() {
        return new StreamedSearchRepair(leadSearchIndex());
    }

    /**
     * The Leads stream's consumer: search repair, then the change events, each lead shown by {@code view} (the edge's
     * wire shape of a lead). Needs CHANGES_QUEUE_URL, RULESETS_TABLE (the levels of score changes),
     * SCORE_CHANGES_TABLE and SCORE_CHANGES_QUEUE_URL (their coalescing).
     */
    public FollowLeadChanges<Map<String, AttributeValue>> followLeadChanges(Function<Lead, Map<String, Object>> view) {
        return new FollowLeadChanges<>(searchRepair(), new StreamedLeadImages(),
                new LeadChangeEvents(view, new ScoringWiring(components).rulesetRepository()),
                new ChangesWiring(components).scoreChangeGate(), new ChangesWiring(components).changeSink());
    }

    public LeadSearchIndex leadSearchIndex() {
        return new LeadSearchIndex(components.dynamo(), Tables.LEADS.in(components.config()),
                Tables.LEAD_INDEX.in(components.config()));
    }
}
