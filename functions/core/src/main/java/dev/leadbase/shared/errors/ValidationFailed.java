package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code VALIDATION_ERROR}. */
public final class ValidationFailed extends LeadbaseException {
    public ValidationFailed(String message) {
        this(message, Map.of());
    }

    public ValidationFailed(String message, Map<String, Object> details) {
        super(ErrorCode.VALIDATION_ERROR, message, details);
    }
}
