package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code PRECONDITION_FAILED}. */
public final class PreconditionFailed extends LeadbaseException {
    public PreconditionFailed(String message) {
        this(message, Map.of());
    }

    public PreconditionFailed(String message, Map<String, Object> details) {
        super(ErrorCode.PRECONDITION_FAILED, message, details);
    }
}
