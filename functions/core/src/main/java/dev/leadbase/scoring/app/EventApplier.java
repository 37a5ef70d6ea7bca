package dev.leadbase.scoring.app;

import dev.leadbase.scoring.app.LeadScorer.Applied;
import dev.leadbase.scoring.app.LeadScorer.Outcome;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.ScoreState;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.StandingChange;
import dev.leadbase.shared.logging.JsonLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies a batch of engagement events to their leads' standings, storing each event once with the change it makes. */
record EventApplier(ScoreStore store, ScoringEngine engine, StandingWriter writer) {
    private static final int MAX_EVENTS_PER_COMMIT = 25;

    /**
     * Applies a batch of events to every engagement rule set of their tenants, storing each event once. Per tenant
     * the rule sets are read once and the leads' standings in one read; a lead's events are applied in order and
     * committed together. When they cannot be (one is stored already, or something fails), that lead's events are
     * applied one at a time, so that only a failing event is reported failed. Answers in the order of {@code events}.
     */
    List<Applied> applyEvents(List<ScoringEvent> events) {
        Applied[] results = new Applied[events.size()];
        Map<String, Map<String, List<Integer>>> byTenantAndLead = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ScoringEvent e = events.get(i);
            byTenantAndLead.computeIfAbsent(e.tenantId(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(e.leadId(), l -> new ArrayList<>()).add(i);
        }
        byTenantAndLead.forEach((tenantId, byLead) -> {
            TenantRulesets known;
            Map<String, LeadStanding> standings;
            try {
                known = writer.tenant(tenantId);
                standings = store.loadAll(tenantId, byLead.keySet(), known.ids());
                if (standings.values().stream().anyMatch(known::behind) && known.refresh()) {
                    standings = store.loadAll(tenantId, byLead.keySet(), known.ids());
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
                        applied = applyToLead(alone, alone.load(leadId), leadEvents);
                    } catch (RuntimeException failure) {
                        applied = leadEvents.stream().map(event -> Applied.failed(event, failure)).toList();
                    }
                    for (int k = 0; k < indices.size(); k++) {
                        results[indices.get(k)] = applied.get(k);
                    }
                });
                return;
            }
            Map<String, LeadStanding> loaded = standings;
            byLead.forEach((leadId, indices) -> {
                List<ScoringEvent> leadEvents = indices.stream().map(events::get).toList();
                List<Applied> applied = applyToLead(known, Optional.ofNullable(loaded.get(leadId)), leadEvents);
                for (int k = 0; k < indices.size(); k++) {
                    results[indices.get(k)] = applied.get(k);
                }
            });
        });
        return List.of(results);
    }

    private List<Applied> applyToLead(TenantRulesets known, Optional<LeadStanding> loaded, List<ScoringEvent> events) {
        boolean stale = false;
        if (events.size() > 1 && events.stream().map(ScoringEvent::eventId).distinct().count() == events.size()) {
            try {
                Outcome outcome = applyTogether(known, loaded, events);
                if (outcome != Outcome.DUPLICATE) {
                    return events.stream().map(e -> new Applied(e, outcome, null)).toList();
                }
            } catch (RuntimeException e) {
                JsonLog.warn("events of one lead failed together; applying them one at a time", Map.of(
                        "tenantId", events.getFirst().tenantId(), "leadId", events.getFirst().leadId(),
                        "error", String.valueOf(e)));
            }
            stale = true;
        }
        // one at a time: an event stored already is told apart from the others, and a failure stays with its event
        List<Applied> out = new ArrayList<>();
        for (ScoringEvent event : events) {
            try {
                Optional<LeadStanding> standing = stale ? known.load(event.leadId()) : loaded;
                stale = true;
                out.add(new Applied(event, applyTogether(known, standing, List.of(event)), null));
            } catch (RuntimeException e) {
                out.add(Applied.failed(event, e));
            }
        }
        return out;
    }

    /**
     * Applies {@code events} (distinct ids, one lead) in order, committing them in as few transactions as its
     * item limit allows; DUPLICATE when one of them is stored already (then that transaction wrote nothing).
     */
    private Outcome applyTogether(TenantRulesets known, Optional<LeadStanding> loaded, List<ScoringEvent> events) {
        String leadId = events.getFirst().leadId();
        Outcome outcome = null;
        Optional<LeadStanding> standing = loaded;
        for (int from = 0; from < events.size(); ) {
            if (from > 0) {
                standing = known.load(leadId);
            }
            // a transaction holds at most 100 items: the events, a standing per engagement rule set, the lead
            long engagement = known.all().stream().filter(Ruleset::engagement).count();
            int perCommit = (int) Math.max(1, Math.min(MAX_EVENTS_PER_COMMIT, 99 - engagement));
            List<ScoringEvent> chunk = events.subList(from, Math.min(events.size(), from + perCommit));
            outcome = writer.withRetries(leadId, standing, () -> known.load(leadId), s -> eventsChange(known.all(), s, chunk));
            if (outcome != Outcome.CHANGED) {
                return outcome;
            }
            from += chunk.size();
        }
        return outcome;
    }

    private StandingChange eventsChange(List<Ruleset> all, LeadStanding standing, List<ScoringEvent> events) {
        List<ScoreState> upserts = new ArrayList<>();
        for (Ruleset r : all) {
            if (r.engagement()) {
                ScoreState before = standing.states().getOrDefault(r.id(), ScoreState.empty(r.id(), r.type()));
                ScoreState after = before;
                for (ScoringEvent event : events) {
                    after = engine.apply(r, after, event);
                }
                if (after != before) {
                    upserts.add(after);
                }
            }
        }
        Instant lastEventAt = standing.lastEventAt();
        String lastEventType = standing.lastEventType();
        for (ScoringEvent event : events) {
            if (lastEventAt == null || !event.occurredAt().isBefore(lastEventAt)) {
                lastEventAt = event.occurredAt();
                lastEventType = event.type();
            }
        }
        return new StandingChange(upserts, Set.of(), engine.summarize(all, StandingWriter.merge(standing, upserts, Set.of())),
                lastEventAt, lastEventType, events);
    }
}
