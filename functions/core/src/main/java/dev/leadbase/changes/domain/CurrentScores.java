package dev.leadbase.changes.domain;

import java.util.Optional;

/** A lead's score and level under a rule set as stored now (the leads slice answers). */
public interface CurrentScores {
    /** The lead's score as a move from nothing (its previous values null); empty when the lead is gone. */
    Optional<ScoreMove> of(String tenantId, String leadId, String rulesetId);
}
