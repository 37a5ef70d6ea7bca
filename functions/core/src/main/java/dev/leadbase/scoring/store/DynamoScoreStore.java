package dev.leadbase.scoring.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.scoring.domain.LastEvent;
import dev.leadbase.scoring.domain.LeadScoresChange;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.ScoredLeads;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.StandingChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Scoring's DynamoDB side, and the one place its attribute names and key formats are spelled. ScoresTable
 * ({@link ScoresTable}) holds one standing per (lead, rule set) under ({@code leadKey} = tenantId#leadId,
 * rulesetId); EventsTable ({@link EventsTable}) each event once under (leadKey, eventId). A transactional scoring
 * step's standings and the lead item's score fields are written in one transaction; the events worker writes its
 * standings, events and score fields one item at a time ({@code EventApplier} says why that is enough). The lead's part
 * is the write the leads slice makes of them ({@link ScoredLeads#scores}), guarded by the lead's {@code scoreVersion}.
 */
public final class DynamoScoreStore implements ScoreStore {
    public static final String LEAD_KEY = "leadKey";
    public static final String RULESET_ID = "rulesetId";
    public static final String EVENT_ID = "eventId";
    public static final String RANK_KEY = "rankKey";
    static final String DECAY_KEY = "decayKey";
    static final String DECAYING = "decaying";
    static final String BY_RULESET_SCORE = "ByRulesetScore";
    static final String BY_DECAY = "ByDecay";
    static final String BY_OCCURRED_AT = "ByOccurredAt";
    static final String OCCURRED_MS = "occurredMs";

    private final DynamoDbClient dynamo;
    private final String leadsTable;
    private final ScoredLeads<Map<String, AttributeValue>, TransactWriteItem> leads;
    private final ScoresTable scores;
    private final EventsTable events;

    public DynamoScoreStore(DynamoDbClient dynamo, String leadsTable, ScoredLeads<Map<String, AttributeValue>,
            TransactWriteItem> leads, String scoresTable, String eventsTable) {
        this.dynamo = dynamo;
        this.leadsTable = leadsTable;
        this.leads = leads;
        this.scores = new ScoresTable(dynamo, scoresTable);
        this.events = new EventsTable(dynamo, eventsTable);
    }

    /** The partition key of a lead's standings and events. */
    static String leadKey(String tenantId, String leadId) {
        return tenantId + "#" + leadId;
    }

    @Override
    public Optional<LeadStanding> load(String tenantId, String leadId) {
        // the lead first, then its standings: a score write already on the lead is found in the standings read after
        return leads.find(tenantId, leadId).map(lead -> ScoresTable.standing(lead, scores.items(tenantId, leadId)));
    }

    @Override
    public Map<String, EventsStanding> loadForEvents(String tenantId, Map<String, ? extends Collection<String>> eventIds,
                                                     Supplier<? extends Collection<String>> rulesetIds) {
        Map<String, ScoredLead> found = new HashMap<>();
        List<Map<String, AttributeValue>> leadKeys = eventIds.keySet().stream().map(id -> leads.key(tenantId, id)).toList();
        BatchGet.items(dynamo, Map.of(leadsTable, leadKeys), true, null, (table, item) -> {
            ScoredLead lead = leads.read(item);
            found.put(lead.leadId(), lead);
        });
        Set<String> rulesets = found.isEmpty() ? Set.of() : new LinkedHashSet<>(rulesetIds.get());
        List<Map<String, AttributeValue>> scoreKeys = new ArrayList<>();
        for (String leadId : found.keySet()) {
            rulesets.forEach(r -> scoreKeys.add(ScoresTable.key(tenantId, leadId, r)));
        }
        Map<String, List<Map<String, AttributeValue>>> standingItems = new HashMap<>();
        BatchGet.items(dynamo, Map.of(scores.name(), scoreKeys), true, null, (table, item) ->
                standingItems.computeIfAbsent(Items.str(item, "leadId"), k -> new ArrayList<>()).add(item));
        Map<String, LeadStanding> standings = new HashMap<>();
        List<Map<String, AttributeValue>> eventKeys = new ArrayList<>();
        found.forEach((leadId, lead) -> {
            LeadStanding standing = ScoresTable.standing(lead, standingItems.getOrDefault(leadId, List.of()));
            standings.put(leadId, standing);
            Set<String> asked = new LinkedHashSet<>(eventIds.get(leadId));
            standing.pending().values().forEach(asked::addAll);
            asked.forEach(id -> eventKeys.add(EventsTable.key(tenantId, leadId, id)));
        });
        Map<String, Set<String>> stored = new HashMap<>();
        BatchGet.items(dynamo, Map.of(events.table(), eventKeys), true, "leadId, " + EVENT_ID, (table, item) ->
                stored.computeIfAbsent(Items.str(item, "leadId"), k -> new HashSet<>()).add(Items.str(item, EVENT_ID)));
        Map<String, EventsStanding> out = new HashMap<>();
        standings.forEach((leadId, standing) ->
                out.put(leadId, new EventsStanding(standing, stored.getOrDefault(leadId, Set.of()))));
        return out;
    }

    @Override
    public Commit commit(LeadStanding before, StandingChange change) {
        String tenantId = before.tenantId();
        String leadId = before.leadId();
        List<TransactWriteItem> writes = new ArrayList<>();
        for (ScoreState state : change.upserts()) {
            String rulesetId = state.rulesetId();
            Set<String> pending = change.pending().getOrDefault(rulesetId, before.pending(rulesetId));
            writes.add(scores.put(tenantId, leadId, state, before.states().get(rulesetId), pending,
                    !change.unranked().contains(rulesetId)));
        }
        for (String rulesetId : change.removals()) {
            writes.add(scores.delete(tenantId, leadId, before.states().get(rulesetId)));
        }
        writes.add(leads.scores(new LeadScoresChange(tenantId, leadId, before.scoreVersion(), change.summary(),
                LastEvent.of(change.lastEventAt(), change.lastEventType()))));
        try {
            Transactions.write(dynamo, writes);
            return Commit.APPLIED;
        } catch (TransactionCanceledException e) {
            return Commit.CONFLICT;
        }
    }

    @Override
    public Commit putStanding(LeadStanding before, ScoreState state, Set<String> pending, boolean ranked) {
        return scores.putNow(before.tenantId(), before.leadId(), state, before.states().get(state.rulesetId()), pending,
                ranked) ? Commit.APPLIED : Commit.CONFLICT;
    }

    @Override
    public void storeEvents(List<ScoringEvent> stored) {
        stored.forEach(events::putOnce);
    }

    @Override
    public Commit writeScores(LeadScoresChange change) {
        return leads.writeScores(change) ? Commit.APPLIED : Commit.CONFLICT;
    }

    @Override
    public Map<String, String> owners(String tenantId, Collection<String> leadIds) {
        return leads.owners(tenantId, leadIds);
    }

    @Override
    public Page<String> leadIds(String tenantId, String afterLeadId, int limit) {
        return leads.leadIds(tenantId, afterLeadId, limit);
    }

    @Override
    public List<ScoringEvent> events(String tenantId, String leadId) {
        return events.all(tenantId, leadId);
    }

    @Override
    public EventsPage eventsPage(String tenantId, String leadId, EventAfter after, int limit) {
        return events.page(tenantId, leadId, after, limit);
    }

    @Override
    public Iterable<DecayCandidate> decayCandidates() {
        return scores.decayCandidates();
    }

    @Override
    public RankedPage top(String tenantId, String rulesetId, Ranked after, int limit) {
        return scores.top(tenantId, rulesetId, after, limit);
    }

    @Override
    public List<ScoredLead> leads(String tenantId, List<String> leadIds) {
        return leads.scored(tenantId, leadIds);
    }

    @Override
    public List<Lead> leadRecords(String tenantId, List<String> leadIds) {
        return leads.leads(tenantId, leadIds);
    }
}
