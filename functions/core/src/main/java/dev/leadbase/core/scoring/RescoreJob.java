package dev.leadbase.core.scoring;

/** Re-score one page of a tenant's leads, starting at {@code cursor} (null: the first page). */
public record RescoreJob(String tenantId, String cursor) {
}
