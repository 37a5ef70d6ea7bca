package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.LeadScoreFields;
import dev.leadbase.scoring.domain.LeadStanding;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoreStore.EventsStanding;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tenant's rule sets as read for one batch or one lead. A lead whose stored score fields name a rule set missing
 * here was scored by a rule-set change that came after this read: the list is read again (once), so that the
 * change's re-scoring, which may have replayed the lead before this writer's change, is not undone. Safe to share
 * between the threads of one batch.
 */
final class TenantRulesets {
    private final RulesetRepository rulesets;
    private final ScoreStore store;
    private final String tenantId;
    private volatile List<Ruleset> all;
    private boolean refreshed;

    TenantRulesets(RulesetRepository rulesets, ScoreStore store, String tenantId) {
        this.rulesets = rulesets;
        this.store = store;
        this.tenantId = tenantId;
        this.all = rulesets.list(tenantId);
    }

    List<Ruleset> all() {
        return all;
    }

    List<String> ids() {
        return all.stream().map(Ruleset::id).toList();
    }

    boolean behind(LeadStanding standing) {
        if (!(standing.lead().get(LeadScoreFields.RULESET_NAMES) instanceof Map<?, ?> named)) {
            return false;
        }
        List<String> ids = ids();
        return named.keySet().stream().anyMatch(id -> !ids.contains(id));
    }

    /** Reads the list again unless it was already; whether it did. (The leads of a batch, written at once, share it.) */
    synchronized boolean refresh() {
        if (refreshed) {
            return false;
        }
        refreshed = true;
        all = rulesets.list(tenantId);
        return true;
    }

    /** The lead's standings under these rule sets, and which of {@code eventIds} and its pending events are stored. */
    Optional<EventsStanding> loadForEvents(String leadId, Collection<String> eventIds) {
        Supplier<Optional<EventsStanding>> read = () -> Optional.ofNullable(
                store.loadForEvents(tenantId, Map.of(leadId, eventIds), this::ids).get(leadId));
        Optional<EventsStanding> loaded = read.get();
        if (loaded.isPresent() && behind(loaded.get().standing()) && refresh()) {
            loaded = read.get();
        }
        return loaded;
    }

    /** The lead's standings under every rule set it has one for. */
    Optional<LeadStanding> loadWhole(String leadId) {
        return current(() -> store.load(tenantId, leadId));
    }

    private Optional<LeadStanding> current(Supplier<Optional<LeadStanding>> read) {
        Optional<LeadStanding> standing = read.get();
        if (standing.isPresent() && behind(standing.get()) && refresh()) {
            standing = read.get();
        }
        return standing;
    }
}
