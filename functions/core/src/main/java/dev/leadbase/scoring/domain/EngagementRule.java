package dev.leadbase.scoring.domain;

/** Points for each event of a type (negative points lower the score), at most {@code maxPerDay} times a day. */
public record EngagementRule(String eventType, long points, Integer maxPerDay) {
    public EngagementRule {
        if (eventType == null || eventType.isBlank()) {
            throw new IllegalArgumentException("eventType is required");
        }
        if (maxPerDay != null && maxPerDay < 1) {
            throw new IllegalArgumentException("maxPerDay must be at least 1");
        }
    }

    public String describe() {
        return eventType + " → " + points + (maxPerDay == null ? "" : " (max " + maxPerDay + "/day)");
    }
}
