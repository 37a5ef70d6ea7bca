package dev.leadbase.scoring.domain;

/** Re-score one page of a tenant's leads, those after the lead id {@code cursor} (null: the first page). */
public record RescoreJob(String tenantId, String cursor) {
}
