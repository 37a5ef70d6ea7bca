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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Scoring's DynamoDB side, and the one place its attribute names and key formats are spelled. ScoresTable
 * ({@link ScoresTable}) holds one standing per (lead, rule set) under ({@code leadKey} = tenantId#leadId,
 * rulesetId); EventsTable ({@link EventsTable}) each event once under (leadKey, eventId). A scoring step's
 * standings, events and the lead item's score fields are written in one transaction; the lead's part is the write the
 * leads slice makes of them ({@link ScoredLeads#scores}), guarded by the lead's {@code scoreVersion}.
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
        return leads.find(tenantId, leadId).map(lead -> lead.with(scores.states(tenantId, leadId)));
    }

    @Override
    public Map<String, LeadStanding> loadAll(String tenantId, Collection<String> leadIds, Collection<String> rulesetIds) {
        List<Map<String, AttributeValue>> leadKeys = new ArrayList<>();
        List<Map<String, AttributeValue>> scoreKeys = new ArrayList<>();
        for (String leadId : new LinkedHashSet<>(leadIds)) {
            leadKeys.add(leads.key(tenantId, leadId));
            for (String rulesetId : new LinkedHashSet<>(rulesetIds)) {
                scoreKeys.add(ScoresTable.key(tenantId, leadId, rulesetId));
            }
        }
        Map<String, ScoredLead> found = new HashMap<>();
        Map<String, Map<String, ScoreState>> states = new HashMap<>();
        BatchGet.items(dynamo, Map.of(leadsTable, leadKeys, scores.name(), scoreKeys), true, null, (table, item) -> {
            if (table.equals(leadsTable)) {
                ScoredLead lead = leads.read(item);
                found.put(lead.leadId(), lead);
            } else {
                ScoreState st = ScoresTable.toState(item);
                states.computeIfAbsent(Items.str(item, "leadId"), k -> new HashMap<>()).put(st.rulesetId(), st);
            }
        });
        Map<String, LeadStanding> out = new HashMap<>();
        found.forEach((leadId, lead) -> out.put(leadId, lead.with(states.getOrDefault(leadId, Map.of()))));
        return out;
    }

    @Override
    public Commit commit(LeadStanding before, StandingChange change) {
        String tenantId = before.tenantId();
        String leadId = before.leadId();
        List<TransactWriteItem> writes = new ArrayList<>();
        for (ScoringEvent event : change.events()) {
            writes.add(events.putOnce(event));
        }
        for (ScoreState state : change.upserts()) {
            writes.add(scores.put(tenantId, leadId, state, before.states().get(state.rulesetId())));
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
            // the event puts come first: a failed condition there means that event is stored already
            for (int i = 0; i < change.events().size(); i++) {
                if (Transactions.failedCondition(e, i)) {
                    return Commit.DUPLICATE_EVENT;
                }
            }
            return Commit.CONFLICT;
        }
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
