package dev.leadbase.leads.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores leads with everything derived from them (email uniqueness, exact counters, index keys,
 * search entries) kept in step by the same writes. Scoring's fields are written by scoring's own transaction,
 * through the same writer (see docs/data-model.md).
 */
public interface LeadRepository {
    /** Stores a new lead; {@link DuplicateLead} when its email is taken in the tenant. */
    void create(Lead lead);

    Optional<Lead> find(String tenantId, String leadId);

    /** The leads holding these emails (any case) in the tenant, by the email as asked; emails no lead holds are absent. */
    Map<String, Lead> findByEmails(String tenantId, Collection<String> emails);

    /**
     * Replaces the user-writable fields of {@code before} with those of {@code after}, conditional on
     * {@code before.version()} still being current ({@link StaleLeadVersion} otherwise,
     * {@link DuplicateLead} when the new email is taken). Scoring fields are left as stored.
     */
    void update(Lead before, Lead after);

    /** Deletes the lead and what derives from it, conditional on {@code lead.version()}. */
    void delete(Lead lead);

    /** Reads one page; {@code position} comes from a previous page's {@code nextPosition}, or null. */
    LeadPage list(ListLeadsQuery query, LeadPosition position);

    /**
     * The leads of {@code query}'s first page, as {@link #list} reads them, without counting the total (for a read
     * that shows none, such as top leads); not for a search.
     */
    List<Lead> firstLeads(ListLeadsQuery query);

    /**
     * Enrichment's found fields and its record in one write: the user-writable fields of {@code after} (which differ
     * from {@code before} in no email, status, source or owner) and that the lead was enriched at {@code at} from
     * {@code sources} with {@code confidence}, conditional on {@code before.version()} still being current
     * ({@link StaleLeadVersion} otherwise).
     */
    void enrich(Lead before, Lead after, List<String> sources, double confidence, Instant at);

    /**
     * Records that the lead was enriched at {@code at} from {@code sources} with {@code confidence}, when nothing was
     * found to write on it; does not change {@code version} or {@code updatedAt}. A lead that no longer exists is left
     * alone.
     */
    void recordEnrichment(String tenantId, String leadId, List<String> sources, double confidence, Instant at);
}
