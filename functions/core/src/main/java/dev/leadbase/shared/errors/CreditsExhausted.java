package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code ENRICHMENT_CREDITS_EXHAUSTED}: the balance cannot cover the request. */
public final class CreditsExhausted extends LeadbaseException {
    public CreditsExhausted(long remaining, long required) {
        super(ErrorCode.ENRICHMENT_CREDITS_EXHAUSTED,
                "Insufficient enrichment credits",
                Map.of("remaining", remaining, "required", required));
    }
}
