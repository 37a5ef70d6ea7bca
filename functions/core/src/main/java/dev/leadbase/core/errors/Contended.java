package dev.leadbase.core.errors;

import java.time.Clock;
import java.util.Map;

/**
 * Too many writes at once on one shared record (a tenant's credits, a counter) for the retries to get through:
 * reported as {@code 429 RATE_LIMIT_EXCEEDED} with a Retry-After of one second, never as a server error. Nothing
 * was written; the same request may be sent again.
 */
public final class Contended extends LeadbaseException {
    static final long RETRY_AFTER_SECONDS = 1;

    public Contended(Clock clock) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, "Too many concurrent writes to the same record; nothing was written, retry shortly",
                Map.of("limit", "concurrent writes to one record",
                        "resetTime", clock.instant().plusSeconds(RETRY_AFTER_SECONDS).toString()),
                Map.of("retryAfter", RETRY_AFTER_SECONDS), Map.of("Retry-After", Long.toString(RETRY_AFTER_SECONDS)));
    }
}
