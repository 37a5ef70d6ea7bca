package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code UNAUTHORIZED}. */
public final class Unauthorized extends LeadbaseException {
    public Unauthorized(String message) {
        this(message, Map.of());
    }

    public Unauthorized(String message, Map<String, Object> details) {
        super(ErrorCode.UNAUTHORIZED, message, details);
    }
}
