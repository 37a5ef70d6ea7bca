package dev.leadbase.shared.errors;

import java.util.Map;

/** Reported as {@code CONFLICT}. */
public final class Conflict extends LeadbaseException {
    public Conflict(String message) {
        this(message, Map.of());
    }

    public Conflict(String message, Map<String, Object> details) {
        super(ErrorCode.CONFLICT, message, details);
    }
}
