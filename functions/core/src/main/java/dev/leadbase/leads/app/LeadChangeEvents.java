package dev.leadbase.leads.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.ScoreMove;
import dev.leadbase.changes.domain.SourceRecord;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The change events one change of a lead item makes: {@code lead.created}, {@code lead.updated} (only when a field a
 * user sees changed that is not scoring's: the user's fields and the enrichment record), {@code lead.deleted} (a
 * tombstone), and one score move per rule set whose score or level changed (told as {@code lead.score_changed}, once
 * coalesced). The lead is shown by {@code view}, the wire shape of {@code GET /api/v2/leads/{id}}, so an event's lead
 * is the one a read returns, and the changed fields are compared as the wire shows them.
 */
public final class LeadChangeEvents {
    /**
     * Fields of the lead object that are not a user-visible change of their own: scoring's (their changes are
     * {@code lead.score_changed}) and the bookkeeping every write moves ({@code updatedAt}, {@code version}).
     */
    static final Set<String> NOT_AN_UPDATE = Set.of(LeadScoreFields.SCORE, LeadScoreFields.LEVEL,
            LeadScoreFields.ENGAGEMENT_SCORES, LeadScoreFields.PROFILE_SCORES, LeadScoreFields.RULESET_NAMES,
            LeadScoreFields.ENGAGEMENT_PRIMARY, LeadScoreFields.PROFILE_PRIMARY, LeadScoreFields.LAST_EVENT_AT,
            LeadScoreFields.LAST_EVENT_TYPE, "updatedAt", "version");

    private final Function<Lead, Map<String, Object>> view;
    private final RulesetRepository rulesets;

    public LeadChangeEvents(Function<Lead, Map<String, Object>> view, RulesetRepository rulesets) {
        this.view = view;
        this.rulesets = rulesets;
    }

    /** What one change of a lead item makes: its lead events, and its score moves apart (they are coalesced). */
    public record Made(List<ChangeEvent> events, List<ScoreMove> scores) {
    }

    /**
     * The events of the change {@code record} from {@code before} to {@code after} (either null: no lead).
     * {@code read}: the tenants' rule sets read so far for the records of one batch, which this adds to (a score change
     * needs their names and levels; a batch reads each tenant's once).
     */
    public Made of(SourceRecord record, Lead before, Lead after, Map<String, List<Ruleset>> read) {
        if (after == null && before == null) {
            return new Made(List.of(), List.of());
        }
        if (before == null) {
            return new Made(List.of(event(record, ChangeType.LEAD_CREATED, after, at(after.updatedAt(), record),
                    Map.of("lead", view.apply(after)))), List.of());
        }
        if (after == null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", before.id());
            data.put("deletedAt", record.at().toString());
            return new Made(List.of(event(record, ChangeType.LEAD_DELETED, before, record.at(), data)), List.of());
        }
        List<ChangeEvent> events = new ArrayList<>();
        Map<String, Object> was = view.apply(before);
        Map<String, Object> now = view.apply(after);
        List<String> changed = new ArrayList<>();
        Map<String, Object> previous = new LinkedHashMap<>();
        now.forEach((field, value) -> {
            if (!NOT_AN_UPDATE.contains(field) && !Objects.equals(value, was.get(field))) {
                changed.add(field);
                previous.put(field, was.get(field));
            }
        });
        if (!changed.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("lead", now);
            data.put("changedFields", changed);
            data.put("previous", previous);
            Instant at = Objects.equals(before.updatedAt(), after.updatedAt()) ? record.at() : at(after.updatedAt(), record);
            events.add(event(record, ChangeType.LEAD_UPDATED, after, at, data));
        }
        return new Made(events, scoreChanges(before, after, read));
    }

    private List<ScoreMove> scoreChanges(Lead before, Lead after, Map<String, List<Ruleset>> read) {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(before.engagementScores().keySet());
        ids.addAll(before.profileScores().keySet());
        ids.addAll(after.engagementScores().keySet());
        ids.addAll(after.profileScores().keySet());
        List<String> moved = ids.stream().filter(id -> !Objects.equals(score(before, id), score(after, id))).toList();
        boolean primaryLevelMoved = !Objects.equals(before.level(), after.level());
        if (moved.isEmpty() && !primaryLevelMoved) {
            return List.of();
        }
        List<Ruleset> all = read.computeIfAbsent(after.tenantId(), rulesets::list);
        Set<String> changed = new LinkedHashSet<>(moved);
        primary(all).filter(p -> primaryLevelMoved).ifPresent(p -> changed.add(p.id()));
        List<ScoreMove> moves = new ArrayList<>();
        for (String id : changed) {
            ScoreMove was = standing(before, id, all);
            ScoreMove now = standing(after, id, all);
            moves.add(now.from(was.score(), was.level()));
        }
        return moves;
    }

    /** The lead's score and level under the rule set {@code id} of {@code all}, as a move from nothing. */
    public static ScoreMove standing(Lead lead, String id, List<Ruleset> all) {
        Ruleset ruleset = all.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
        boolean primary = ruleset != null && ruleset.primary() && ruleset.type() == RulesetType.ENGAGEMENT;
        Long score = score(lead, id);
        // the primary engagement rule set's level is the lead's own, as its writer stored it; the others' by their thresholds
        String level = primary ? lead.level() : ruleset == null || score == null ? null : ruleset.level(score);
        String name = ruleset != null ? ruleset.name() : lead.rulesetNames().get(id);
        return new ScoreMove(lead.tenantId(), lead.id(), lead.ownerId(), id, name, null, score, null, level);
    }

    private static Optional<Ruleset> primary(List<Ruleset> all) {
        return all.stream().filter(r -> r.primary() && r.type() == RulesetType.ENGAGEMENT).findFirst();
    }

    private static Long score(Lead lead, String rulesetId) {
        Long engagement = lead.engagementScores().get(rulesetId);
        return engagement != null ? engagement : lead.profileScores().get(rulesetId);
    }

    private static Instant at(Instant time, SourceRecord record) {
        return time == null ? record.at() : time;
    }

    private static ChangeEvent event(SourceRecord record, ChangeType type, Lead lead, Instant at,
                                     Map<String, Object> data) {
        return new ChangeEvent(lead.tenantId(), record.eventId(type.wire()), type, at, lead.id(), lead.id(),
                lead.ownerId(), 0, data);
    }
}
