package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code NOT_FOUND}. */
public final class NotFound extends LeadbaseException {
    public NotFound(String message) {
        this(message, Map.of());
    }

    public NotFound(String message, Map<String, Object> details) {
        super(ErrorCode.NOT_FOUND, message, details);
    }
}
