package dev.leadbase.scoring.domain;

/**
 * The score fields one scoring step sets on a lead: its summary and its newest event (null: none), written only
 * if the lead exists and its score version is still {@code scoreVersion} (0: never scored).
 */
public record LeadScoresChange(String tenantId, String leadId, long scoreVersion, LeadScoreSummary summary,
                               LastEvent lastEvent) {
}
