package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code METHOD_NOT_ALLOWED}. */
public final class MethodNotAllowed extends LeadbaseException {
    public MethodNotAllowed(String message) {
        this(message, Map.of());
    }

    public MethodNotAllowed(String message, Map<String, Object> details) {
        super(ErrorCode.METHOD_NOT_ALLOWED, message, details);
    }
}
