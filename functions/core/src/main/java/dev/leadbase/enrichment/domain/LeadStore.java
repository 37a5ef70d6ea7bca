package dev.leadbase.enrichment.domain;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.leads.domain.Lead;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The tenant's leads, as enrichment needs them: read by id or email, and updated with found fields. */
public interface LeadStore {
    Optional<Lead> find(String tenantId, String leadId);

    /**
     * The ids of the leads {@code access} reaches that hold these emails, by the email as asked; emails no such lead
     * holds are absent.
     */
    Map<String, String> idsByEmail(AccessPolicy access, Collection<String> emails);

    /**
     * Fills the lead's empty fields with {@code fields} (or overwrites them when asked) and records {@code stamp}.
     * A deleted lead is left alone.
     */
    void applyEnrichment(String tenantId, String leadId, EnrichedFields fields, boolean overwrite, EnrichmentStamp stamp);

    /** A store without leads, for a function given no leads table. */
    static LeadStore none() {
        return new LeadStore() {
            @Override
            public Optional<Lead> find(String tenantId, String leadId) {
                return Optional.empty();
            }

            @Override
            public Map<String, String> idsByEmail(AccessPolicy access, Collection<String> emails) {
                return Map.of();
            }

            @Override
            public void applyEnrichment(String tenantId, String leadId, EnrichedFields fields, boolean overwrite,
                                        EnrichmentStamp stamp) {
            }
        };
    }
}
