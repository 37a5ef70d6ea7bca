package dev.leadbase.shared.errors;

import java.time.Instant;
import java.util.Map;

/** Reported as {@code RATE_LIMIT_EXCEEDED}, with {@code retryAfter} and a Retry-After header. */
public final class RateLimited extends LeadbaseException {
    public RateLimited(String message, long limit, Instant resetTime, long retryAfterSeconds) {
        this(message, (Object) limit, resetTime, retryAfterSeconds);
    }

    /** With the limit described in words, as the enrichment API documents it ("100 enrichments per hour"). */
    public RateLimited(String message, String limit, Instant resetTime, long retryAfterSeconds) {
        this(message, (Object) limit, resetTime, retryAfterSeconds);
    }

    /**
     * Too many writes at once on one shared record (a tenant's credits, a counter) for the retries to get through.
     * Nothing was written; the same request may be sent again in a second.
     */
    public static RateLimited contended(Instant now) {
        return new RateLimited("Too many concurrent writes to the same record; nothing was written, retry shortly",
                "concurrent writes to one record", now.plusSeconds(1), 1);
    }

    private RateLimited(String message, Object limit, Instant resetTime, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, message, Map.of("limit", limit, "resetTime", resetTime.toString()),
                Map.of("retryAfter", Math.max(1, retryAfterSeconds)),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }
}
