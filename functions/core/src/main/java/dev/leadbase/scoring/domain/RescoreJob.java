package dev.leadbase.scoring.domain;

/** Re-score one page of a tenant's leads, starting at {@code cursor} (null: the first page). */
public record RescoreJob(String tenantId, String cursor) {
}
