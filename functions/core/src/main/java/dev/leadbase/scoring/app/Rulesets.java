package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.Decay;
import dev.leadbase.scoring.domain.EngagementRule;
import dev.leadbase.scoring.domain.ProfileRule;
import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.domain.RescoreQueue;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.Threshold;

import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.ValidationFailed;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rule-set management: every change queues a background re-score of the tenant's leads. */
public record Rulesets(RulesetRepository repository, RescoreQueue rescores, Clock clock) {
    /** A rule set as a request describes it, before it has an id. */
    public record Draft(String name, RulesetType type, Boolean primary, List<EngagementRule> engagementRules,
                        List<ProfileRule> profileRules, List<Threshold> thresholds, Decay decay) {
    }

    public Ruleset create(String tenantId, Draft draft) {
        Instant now = clock.instant();
        // the first rule set of a type is its primary unless the request says otherwise
        boolean primary = draft.primary() != null ? draft.primary()
                : repository.primaryId(tenantId, draft.type()).isEmpty();
        Ruleset ruleset = build(tenantId, "rs_" + UUID.randomUUID().toString().replace("-", ""), draft, primary, now, now);
        repository.create(ruleset);
        rescores.request(new RescoreJob(tenantId, null));
        return ruleset;
    }

    public Ruleset replace(String tenantId, String id, Draft draft) {
        Ruleset before = get(tenantId, id);
        if (draft.type() != before.type()) {
            throw new ValidationFailed("Invalid request body",
                    Map.of("invalidFields", Map.of("type", "Cannot change from " + before.type().wire())));
        }
        Ruleset after = build(tenantId, id, draft, draft.primary() != null ? draft.primary() : before.primary(),
                before.createdAt(), clock.instant());
        repository.replace(before, after);
        rescores.request(new RescoreJob(tenantId, null));
        return after;
    }

    public void delete(String tenantId, String id) {
        if (!repository.delete(get(tenantId, id))) {
            throw new NotFound("Rule set not found");
        }
        rescores.request(new RescoreJob(tenantId, null));
    }

    public Ruleset get(String tenantId, String id) {
        return repository.find(tenantId, id).orElseThrow(() -> new NotFound("Rule set not found"));
    }

    private static Ruleset build(String tenantId, String id, Draft d, boolean primary, Instant created, Instant updated) {
        try {
            return new Ruleset(tenantId, id, d.name(), d.type(), primary, d.engagementRules(), d.profileRules(),
                    d.thresholds(), d.decay(), created, updated);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("Invalid request body", Map.of("invalidFields", Map.of("rules", e.getMessage())));
        }
    }
}
