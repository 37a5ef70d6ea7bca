package dev.leadbase.core.errors;

import java.time.Instant;
import java.util.Map;

/** Reported as {@code RATE_LIMIT_EXCEEDED}, with {@code retryAfter} and a Retry-After header. */
public final class RateLimited extends LeadbaseException {
    public RateLimited(String message, long limit, Instant resetTime, long retryAfterSeconds) {
        this(message, (Object) limit, resetTime, retryAfterSeconds);
    }

    /** With the limit described in words, as the enrichment seed shows it ("100 enrichments per hour"). */
    public RateLimited(String message, String limit, Instant resetTime, long retryAfterSeconds) {
        this(message, (Object) limit, resetTime, retryAfterSeconds);
    }

    private RateLimited(String message, Object limit, Instant resetTime, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, message, Map.of("limit", limit, "resetTime", resetTime.toString()),
                Map.of("retryAfter", Math.max(1, retryAfterSeconds)),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }
}
