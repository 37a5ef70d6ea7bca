package dev.leadbase.scoring.domain;

import java.util.List;
import java.util.Optional;

/** Stores a tenant's rule sets; at most one primary per type, enforced atomically by the store. */
public interface RulesetRepository {
    /** Stores a new rule set; {@code Conflict} when it is primary and another primary of its type exists. */
    void create(Ruleset ruleset);

    /** Replaces {@code before} (as read) with {@code after}; {@code Conflict} as for create or on a concurrent change. */
    void replace(Ruleset before, Ruleset after);

    /** Deletes the rule set (and its primary mark); false when it was already gone. */
    boolean delete(Ruleset ruleset);

    Optional<Ruleset> find(String tenantId, String id);

    List<Ruleset> list(String tenantId);

    Optional<String> primaryId(String tenantId, RulesetType type);
}
