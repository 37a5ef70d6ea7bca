package dev.leadbase.scoring.domain;

import dev.leadbase.leads.domain.Lead;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Where standings, events and the leads' score fields live. */
public interface ScoreStore {
    /** The outcome of a conditional write: APPLIED, or CONFLICT when its condition failed and nothing was written. */
    enum Commit { APPLIED, CONFLICT }

    /** A lead's standing as the events worker reads it, and which of the event ids it asked about are stored. */
    record EventsStanding(LeadStanding standing, Set<String> storedEvents) {
        public EventsStanding {
            storedEvents = Set.copyOf(storedEvents);
        }
    }

    /** A lead standing whose engagement score may decay. */
    record DecayCandidate(String tenantId, String leadId, String rulesetId) {
    }

    /** A lead ranked by one rule set's score. */
    record Ranked(String leadId, long score) {
    }

    Optional<LeadStanding> load(String tenantId, String leadId);

    /**
     * For the events worker, the standings of those leads of {@code eventIds}' keys that are leads of the tenant, by
     * lead id, each with its states under {@code rulesetIds} only, and which of its events are stored: those of
     * {@code eventIds} and those its standings hold pending. Read consistently and in this order: the leads, then their
     * standings, then the events (what {@code EventApplier}'s argument rests on). {@code rulesetIds} is asked for once
     * the leads are read, so that the caller may read the rule sets meanwhile.
     */
    Map<String, EventsStanding> loadForEvents(String tenantId, Map<String, ? extends Collection<String>> eventIds,
                                              Supplier<? extends Collection<String>> rulesetIds);

    /**
     * Writes {@code change} atomically if nothing changed since {@code before} was loaded: CONFLICT when something
     * did (or the lead is gone; a reload tells).
     */
    Commit commit(LeadStanding before, StandingChange change);

    /**
     * Puts one standing of {@code before}'s lead, with {@code pending} as its pending event ids and a ranking entry
     * when {@code ranked}, if the stored one is still the one {@code before} holds (none: none is stored). Alone, not
     * in a transaction.
     */
    Commit putStanding(LeadStanding before, ScoreState state, Set<String> pending, boolean ranked);

    /** Stores each event unless an event of its id is stored already (then that one stays as it is). */
    void storeEvents(List<ScoringEvent> events);

    /** Writes a lead's score fields alone: CONFLICT when the lead is gone or its score version moved. */
    Commit writeScores(LeadScoresChange change);

    /**
     * The owner of each of {@code leadIds} that is a lead of the tenant, by lead id (the owner may be null);
     * ids of no lead are absent. Read consistently, so that a lead created a moment ago is found.
     */
    Map<String, String> owners(String tenantId, Collection<String> leadIds);

    /**
     * The tenant's lead ids, a page at a time, after the lead {@code afterLeadId} (null: from the first); the page's
     * cursor is its last lead id when more may follow.
     */
    Page<String> leadIds(String tenantId, String afterLeadId, int limit);

    /** Every stored event of a lead (for replays). */
    List<ScoringEvent> events(String tenantId, String leadId);

    /** A lead's events, newest first, after {@code after} (null: from the newest). */
    EventsPage eventsPage(String tenantId, String leadId, EventAfter after, int limit);

    /** An event's place in a lead's newest-first list: its id and stored occurrence time in epoch milliseconds. */
    record EventAfter(String eventId, long occurredMs) {
    }

    /** A page of a lead's events and the place of the last one when more may follow (null at the end). */
    record EventsPage(List<ScoringEvent> events, EventAfter last) {
    }

    /** Standings with a positive decaying score, across tenants, from the decay index, read a page at a time as iterated. */
    Iterable<DecayCandidate> decayCandidates();

    /**
     * Leads of the tenant by descending score under one rule set, from the ranking index, after {@code after} (null:
     * from the top). Only standings of ranked rule sets are there ({@link Ruleset#ranked}).
     */
    RankedPage top(String tenantId, String rulesetId, Ranked after, int limit);

    /** A page of a ranking and, when more may follow, its last entry, which the next page starts after (null at the end). */
    record RankedPage(List<Ranked> items, Ranked after) {
    }

    /** Leads by id, in the order asked, skipping missing ones; read consistently. */
    List<ScoredLead> leads(String tenantId, List<String> leadIds);

    /** The same leads as the domain's {@link Lead}, for showing them as the leads API does. */
    List<Lead> leadRecords(String tenantId, List<String> leadIds);
}
