package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code PAYLOAD_TOO_LARGE}. */
public final class PayloadTooLarge extends LeadbaseException {
    public PayloadTooLarge(String message) {
        this(message, Map.of());
    }

    public PayloadTooLarge(String message, Map<String, Object> details) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, message, details);
    }
}
