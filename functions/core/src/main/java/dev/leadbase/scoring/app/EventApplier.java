package dev.leadbase.scoring.app;

import dev.leadbase.scoring.app.LeadScorer.Applied;
import dev.leadbase.scoring.app.LeadScorer.Outcome;
import dev.leadbase.scoring.domain.LastEvent;
import dev.leadbase.scoring.domain.LeadScoresChange;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoreStore.Commit;
import dev.leadbase.scoring.domain.ScoreStore.EventsStanding;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.shared.retry.Backoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Applies a batch of engagement events to their leads' standings, each event's effect once per rule set, without a
 * transaction. For one lead's events:
 * <ol>
 * <li>Read the lead, then its standings, then the event items of these events and of the ids its standings hold
 *     {@code pending} (consistent reads, in this order). Events whose items are stored are duplicates: done.</li>
 * <li>Per engagement rule set, apply the other events, except those the standing holds pending; put the standing when
 *     that changes it (its version as the condition), holding pending its old ids less those seen stored, plus the ids
 *     just applied, and a ranking entry unless its rule set is the primary ({@link Ruleset#ranked}). This put is the
 *     commit point of an event under a rule set.</li>
 * <li>Write the lead's score fields, summarised from the standings, and its newest event, guarded by its score
 *     version; when that moved, read the lead, then its standings, and write again.</li>
 * <li>Store the events (each put once: an item stored already stays).</li>
 * </ol>
 * Why each event counts once under each rule set, and the lead's score is its standings', whatever fails or runs at
 * once:
 * <ul>
 * <li>An event item is stored only after every standing that applies the event holds its id pending and the lead's
 *     score fields were written after those puts; an id leaves {@code pending} only in a put that saw its item stored.
 *     So a standing read before the event items shows every event applied to it either pending, or (pruned, hence
 *     stored before that read) found stored by the later read: an event is never applied twice to one standing. Two
 *     workers applying one event (a message delivered twice) both put the standing by its version: one put fails, and
 *     its retry reads the event pending or stored.</li>
 * <li>A worker that dies after some standing puts, or after the score write, leaves the event's item missing and its
 *     id pending there; the message comes again, skips the rule sets holding the id, applies it to the others, writes
 *     the score and stores it. Once the item is stored there is nothing left to do: a duplicate writes nothing.</li>
 * <li>A replay ({@code LeadScorer.rescore}) rebuilds a standing from the stored events and writes it with no pending
 *     ids: it does so only when every pending id is stored. Every other step keeps {@code pending} as it is.</li>
 * <li>The score fields: every write of them (here, or another step's transaction) is computed from a read of the lead
 *     followed by a read of the standings, and succeeds only if the score version is still the one read. Take the last
 *     successful write: a standing put after its standings read has a writer that writes the score fields after that
 *     put (or dies before storing the event, whose next delivery does), so after this write's lead read, which would
 *     then have failed. So the last write saw every standing: the lead's score is the standings' summary. Step 3
 *     always writes (never stops at "already equal"), which this needs. The newest event is the later of the lead's
 *     and these events'.</li>
 * </ul>
 * Per tenant the rule sets are read once and the leads' standings together; then the leads are written at once (they
 * share no item), each lead's writes in the order above. A lead's events are applied together and, when that fails,
 * one at a time, so that only a failing event is reported failed. Answers in the order of
 * {@code events}.
 */
record EventApplier(ScoreStore store, ScoringEngine engine, StandingWriter writer) {
    private static final int ATTEMPTS = 10;

    List<Applied> applyEvents(List<ScoringEvent> events) {
        Applied[] results = new Applied[events.size()];
        Map<String, Map<String, List<Integer>>> byTenantAndLead = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ScoringEvent e = events.get(i);
            byTenantAndLead.computeIfAbsent(e.tenantId(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(e.leadId(), l -> new ArrayList<>()).add(i);
        }
        byTenantAndLead.forEach((tenantId, byLead) -> {
            Map<String, List<String>> ids = new LinkedHashMap<>();
            byLead.forEach((leadId, indices) -> ids.put(leadId, indices.stream().map(i -> events.get(i).eventId()).toList()));
            TenantRulesets known;
            Map<String, EventsStanding> standings;
            try {
                // the rule sets are read while the leads are: the standings' keys need them, the leads' do not
                AtOnce.Pending<TenantRulesets> reading = AtOnce.start(() -> writer.tenant(tenantId));
                standings = store.loadForEvents(tenantId, ids, () -> reading.get().ids());
                known = reading.get();
                if (standings.values().stream().anyMatch(s -> known.behind(s.standing())) && known.refresh()) {
                    standings = store.loadForEvents(tenantId, ids, known::ids);
                }
            } catch (RuntimeException e) {
                // one lead's bad key can fail the batch read: read and apply lead by lead, so a failure stays with its lead
                JsonLog.warn("events of one tenant could not be read together; applying them lead by lead",
                        Map.of("tenantId", tenantId, "error", String.valueOf(e)));
                byLead.forEach((leadId, indices) -> {
                    List<ScoringEvent> leadEvents = indices.stream().map(events::get).toList();
                    List<Applied> applied;
                    try {
                        TenantRulesets alone = writer.tenant(tenantId);
                        applied = applyToLead(alone, alone.loadForEvents(leadId, ids.get(leadId)), leadEvents);
                    } catch (RuntimeException failure) {
                        applied = leadEvents.stream().map(event -> Applied.failed(event, failure)).toList();
                    }
                    for (int k = 0; k < indices.size(); k++) {
                        results[indices.get(k)] = applied.get(k);
                    }
                });
                return;
            }
            Map<String, EventsStanding> loaded = standings;
            // the leads touch no item in common: their writes run at once, each lead's in its order
            List<Map.Entry<String, List<Integer>>> leads = List.copyOf(byLead.entrySet());
            List<List<Applied>> applied = AtOnce.all(leads.stream().<Callable<List<Applied>>>map(lead -> () -> applyToLead(
                    known, Optional.ofNullable(loaded.get(lead.getKey())), lead.getValue().stream().map(events::get).toList()))
                    .toList());
            for (int l = 0; l < leads.size(); l++) {
                List<Integer> indices = leads.get(l).getValue();
                for (int k = 0; k < indices.size(); k++) {
                    results[indices.get(k)] = applied.get(l).get(k);
                }
            }
        });
        return List.of(results);
    }

    private List<Applied> applyToLead(TenantRulesets known, Optional<EventsStanding> loaded, List<ScoringEvent> events) {
        boolean stale = false;
        if (events.size() > 1 && events.stream().map(ScoringEvent::eventId).distinct().count() == events.size()) {
            try {
                return applyTogether(known, loaded, events);
            } catch (RuntimeException e) {
                JsonLog.warn("events of one lead failed together; applying them one at a time", Map.of(
                        "tenantId", events.getFirst().tenantId(), "leadId", events.getFirst().leadId(),
                        "error", String.valueOf(e)));
            }
            stale = true;
        }
        // one at a time: a repeated id is told apart from its first, and a failure stays with its event
        List<Applied> out = new ArrayList<>();
        for (ScoringEvent event : events) {
            try {
                Optional<EventsStanding> standing = stale ? known.loadForEvents(event.leadId(), List.of(event.eventId())) : loaded;
                stale = true;
                out.add(applyTogether(known, standing, List.of(event)).getFirst());
            } catch (RuntimeException e) {
                out.add(Applied.failed(event, e));
            }
        }
        return out;
    }

    /** Steps 2 to 4 for {@code events} (distinct ids, one lead) from {@code loaded}; read again after a conflict. */
    private List<Applied> applyTogether(TenantRulesets known, Optional<EventsStanding> loaded, List<ScoringEvent> events) {
        String leadId = events.getFirst().leadId();
        List<String> ids = events.stream().map(ScoringEvent::eventId).toList();
        Optional<EventsStanding> read = loaded;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Backoff.pause(attempt - 1);
                read = known.loadForEvents(leadId, ids);
            }
            if (read.isEmpty()) {
                return events.stream().map(e -> new Applied(e, Outcome.LEAD_GONE, null)).toList();
            }
            LeadStanding standing = read.get().standing();
            Set<String> stored = read.get().storedEvents();
            List<ScoringEvent> fresh = events.stream().filter(e -> !stored.contains(e.eventId())).toList();
            Map<String, ScoreState> written = putStandings(known.all(), standing, stored, fresh);
            if (written == null) {
                continue;
            }
            if (!fresh.isEmpty()) {
                if (!writeScores(known, standing, written, fresh)) {
                    return events.stream().map(e -> new Applied(e, Outcome.LEAD_GONE, null)).toList();
                }
                store.storeEvents(fresh);
            }
            return events.stream().map(e -> new Applied(e,
                    stored.contains(e.eventId()) ? Outcome.DUPLICATE : Outcome.CHANGED, null)).toList();
        }
        throw new IllegalStateException("Lead " + leadId + " kept changing; giving up after " + ATTEMPTS + " attempts");
    }

    /** Step 2: the standings written, by rule set id; null when a put found its standing changed since the read. */
    private Map<String, ScoreState> putStandings(List<Ruleset> all, LeadStanding standing, Set<String> stored,
                                                 List<ScoringEvent> fresh) {
        Map<String, ScoreState> written = new HashMap<>();
        for (Ruleset r : all) {
            if (!r.engagement()) {
                continue;
            }
            Set<String> pending = standing.pending(r.id());
            ScoreState before = standing.states().getOrDefault(r.id(), ScoreState.empty(r.id(), r.type()));
            ScoreState after = before;
            List<String> applied = new ArrayList<>();
            for (ScoringEvent event : fresh) {
                if (!pending.contains(event.eventId())) {
                    after = engine.apply(r, after, event);
                    applied.add(event.eventId());
                }
            }
            if (after == before) {
                continue;
            }
            Set<String> next = new LinkedHashSet<>(pending);
            next.removeAll(stored);
            next.addAll(applied);
            if (store.putStanding(standing, after, next, r.ranked()) == Commit.CONFLICT) {
                return null;
            }
            written.put(r.id(), after);
        }
        return written;
    }

    /**
     * Step 3: the lead's score fields and newest event, written again from a new read while its score version moves;
     * false when the lead is gone.
     */
    private boolean writeScores(TenantRulesets known, LeadStanding loaded, Map<String, ScoreState> written,
                             List<ScoringEvent> events) {
        Map<String, ScoreState> states = new HashMap<>(loaded.states());
        states.putAll(written);
        LeadStanding standing = loaded;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Backoff.pause(attempt - 1);
                Optional<LeadStanding> now = known.loadWhole(standing.leadId());
                if (now.isEmpty()) {
                    return false;
                }
                standing = now.get();
                states = standing.states();
            }
            LeadScoresChange change = new LeadScoresChange(standing.tenantId(), standing.leadId(),
                    standing.scoreVersion(), engine.summarize(known.all(), states), newest(standing, events));
            if (store.writeScores(change) == Commit.APPLIED) {
                return true;
            }
        }
        throw new IllegalStateException("Lead " + loaded.leadId() + " kept changing; giving up after " + ATTEMPTS
                + " attempts");
    }

    /** The lead's newest event once {@code events} are in: the latest occurrence, the later-applied on a tie. */
    private static LastEvent newest(LeadStanding standing, List<ScoringEvent> events) {
        LastEvent last = LastEvent.of(standing.lastEventAt(), standing.lastEventType());
        for (ScoringEvent event : events) {
            if (last == null || !event.occurredAt().isBefore(last.at())) {
                last = new LastEvent(event.occurredAt(), event.type());
            }
        }
        return last;
    }
}
