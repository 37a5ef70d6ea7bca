package dev.leadbase.leads.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeType;
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
import java.util.Set;
import java.util.function.Function;

/**
 * The change events one change of a lead item makes: {@code lead.created}, {@code lead.updated} (only when a field a
 * user sees changed that is not scoring's: the user's fields and the enrichment record), {@code lead.deleted} (a
 * tombstone), and one {@code lead.score_changed} per rule set whose score or level changed. The lead is shown by
 * {@code view}, the wire shape of {@code GET /api/v2/leads/{id}}, so an event's lead is the one a read returns.
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

    /** A score change of one rule set, and whether its level changed (which is never held back). */
    public record ScoreChange(ChangeEvent event, boolean levelChanged) {
    }

    /** What one change of a lead item makes: its lead events, and its score changes apart (they may be coalesced). */
    public record Made(List<ChangeEvent> events, List<ScoreChange> scores) {
        public boolean isEmpty() {
            return events.isEmpty() && scores.isEmpty();
        }
    }

    /** The events of the change {@code record} from {@code before} to {@code after} (either null: no lead). */
    public Made of(SourceRecord record, Lead before, Lead after) {
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
        return new Made(events, scoreChanges(record, before, after));
    }

    private List<ScoreChange> scoreChanges(SourceRecord record, Lead before, Lead after) {
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
        Map<String, Ruleset> byId = new LinkedHashMap<>();
        rulesets.list(after.tenantId()).forEach(r -> byId.put(r.id(), r));
        Ruleset primary = byId.values().stream().filter(r -> r.primary() && r.type() == RulesetType.ENGAGEMENT)
                .findFirst().orElse(null);
        Set<String> changedIds = new LinkedHashSet<>(moved);
        if (primaryLevelMoved && primary != null) {
            changedIds.add(primary.id());
        }
        List<ScoreChange> changes = new ArrayList<>();
        for (String id : changedIds) {
            Ruleset ruleset = byId.get(id);
            boolean isPrimary = primary != null && primary.id().equals(id);
            String levelBefore = level(ruleset, isPrimary, before, id);
            String levelAfter = level(ruleset, isPrimary, after, id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("leadId", after.id());
            data.put("rulesetId", id);
            data.put("rulesetName", ruleset != null ? ruleset.name() : after.rulesetNames().getOrDefault(id,
                    before.rulesetNames().get(id)));
            data.put("previousScore", score(before, id));
            data.put("score", score(after, id));
            data.put("previousLevel", levelBefore);
            data.put("level", levelAfter);
            changes.add(new ScoreChange(event(record, ChangeType.LEAD_SCORE_CHANGED, after, record.at(), data, id),
                    !Objects.equals(levelBefore, levelAfter)));
        }
        return changes;
    }

    /**
     * The level of the lead under a rule set: the lead's own {@code level} for the primary engagement rule set (as its
     * writer stored it), the rule set's thresholds applied to its score for the others; null without a score, or for
     * a rule set no longer there.
     */
    private static String level(Ruleset ruleset, boolean primary, Lead lead, String id) {
        if (primary) {
            return lead.level();
        }
        Long score = score(lead, id);
        return ruleset == null || score == null ? null : ruleset.level(score);
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
        return event(record, type, lead, at, data, "");
    }

    private static ChangeEvent event(SourceRecord record, ChangeType type, Lead lead, Instant at,
                                     Map<String, Object> data, String part) {
        return new ChangeEvent(lead.tenantId(), record.eventId(type.wire() + "#" + part), type, at, lead.id(),
                lead.id(), lead.ownerId(), 0, data);
    }
}
