package dev.leadbase.core.errors;

import java.time.Instant;
import java.util.Map;

/** Reported as {@code RATE_LIMIT_EXCEEDED}, with {@code retryAfter} and a Retry-After header. */
public final class RateLimited extends LeadbaseException {
    private final long retryAfterSeconds;

    public RateLimited(String message, long limit, Instant resetTime, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, message,
                Map.of("limit", limit, "resetTime", resetTime.toString()));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** With the limit described in words, as the enrichment seed shows it ("100 enrichments per hour"). */
    public RateLimited(String message, String limit, Instant resetTime, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, message, Map.of("limit", limit, "resetTime", resetTime.toString()));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public Map<String, Object> extraFields() {
        return Map.of("retryAfter", retryAfterSeconds);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
