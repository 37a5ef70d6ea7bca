package dev.leadbase.leads.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.enrichment.domain.EnrichedFields;
import dev.leadbase.enrichment.domain.EnrichmentStamp;
import dev.leadbase.enrichment.domain.LeadStore;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.StaleLeadVersion;
import dev.leadbase.leads.domain.LeadForm;
import dev.leadbase.shared.errors.NotFound;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The leads as enrichment reads and fills them. Found fields are a user-field change of the lead (version, index keys
 * and search entries move with them; they touch no email, status, source or owner, so no uniqueness item or counter),
 * written in one write with the enrichment record; with nothing found to write, the record alone.
 */
public record EnrichmentWriteBack(LeadRepository leads) implements LeadStore {
    private static final int ATTEMPTS = 3;

    @Override
    public Optional<Lead> find(String tenantId, String leadId) {
        return leads.find(tenantId, leadId);
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
    public void applyEnrichment(String tenantId, String leadId, EnrichedFields found, boolean overwrite,
                                EnrichmentStamp stamp) {
        for (int attempt = 1; ; attempt++) {
            Optional<Lead> before = leads.find(tenantId, leadId);
            if (before.isEmpty()) {
                return;
            }
            Lead lead = before.get();
            Map<LeadForm.Field<?>, Object> changes = new LinkedHashMap<>();
            fill(changes, LeadForm.FIRST_NAME, found.firstName(), lead.firstName(), overwrite);
            fill(changes, LeadForm.LAST_NAME, found.lastName(), lead.lastName(), overwrite);
            fill(changes, LeadForm.LINKEDIN_URL, found.linkedinUrl(), lead.linkedinUrl(), overwrite);
            fill(changes, LeadForm.COMPANY, found.company(), lead.company(), overwrite);
            fill(changes, LeadForm.TITLE, found.title(), lead.title(), overwrite);
            fill(changes, LeadForm.PHONE, found.phone(), lead.phone(), overwrite);
            fill(changes, LeadForm.LOCATION, found.location(), lead.location(), overwrite);
            if (changes.isEmpty()) {
                leads.recordEnrichment(tenantId, leadId, stamp.sources(), stamp.confidence(), stamp.at());
                return;
            }
            try {
                leads.enrich(lead, lead.with(LeadForm.of(changes), stamp.at()), stamp.sources(), stamp.confidence(),
                        stamp.at());
                return;
            } catch (StaleLeadVersion e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            } catch (NotFound e) {
                return; // deleted meanwhile
            }
        }
    }

    /** A found value goes where the lead has none (or over it when asked), unless it is already there. */
    private static void fill(Map<LeadForm.Field<?>, Object> changes, LeadForm.Field<String> field, String found,
                             String current, boolean overwrite) {
        boolean empty = current == null || current.isBlank();
        if (found != null && (empty || overwrite) && !found.equals(current)) {
            changes.put(field, found);
        }
    }
}
