package dev.leadbase.scoring.domain;

import dev.leadbase.leads.domain.Lead;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lead items, as scoring reads and writes them; the leads slice keeps them (keys, attributes, conditions).
 * {@code I} is the score store's item type (a lead's key is one too), so that it can read leads together with its
 * own items; {@code W} is a write that joins the score store's transaction, so that a lead's score fields change
 * atomically with the standings and events they come from.
 */
public interface ScoredLeads<I, W> {
    /** The key of a lead's item, to read with the store's own. */
    I key(String tenantId, String leadId);

    /** A lead's item, read by {@link #key}. */
    ScoredLead read(I item);

    /** The lead, read consistently. */
    Optional<ScoredLead> find(String tenantId, String leadId);

    /** The write of {@code change}; it fails its condition when the lead is gone or its score version moved. */
    W scores(LeadScoresChange change);

    /** Makes the write of {@code change} alone; false when it failed its condition (nothing was written). */
    boolean writeScores(LeadScoresChange change);

    /**
     * The owner of each of {@code leadIds} that is a lead of the tenant, by lead id (the owner may be null);
     * read consistently, so that a lead created a moment ago is found.
     */
    Map<String, String> owners(String tenantId, Collection<String> leadIds);

    /** The tenant's lead ids, a page at a time, read consistently: a lead created a moment ago is among them. */
    Page<String> leadIds(String tenantId, String afterLeadId, int limit);

    /** Leads by id, in the order asked, skipping missing ones; read consistently. */
    List<ScoredLead> scored(String tenantId, List<String> leadIds);

    /** The same, as the domain's {@link Lead}, read eventually consistently. */
    List<Lead> leads(String tenantId, List<String> leadIds);
}
