package dev.leadbase.core.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the API reports to its caller. Each subclass fixes its {@link ErrorCode}; the HTTP
 * layer turns it into the seed's error body.
 */
public abstract class LeadbaseException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    protected LeadbaseException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Extra top-level fields of the error body (e.g. permissionHelp, retryAfter). */
    public Map<String, Object> extraFields() {
        return Map.of();
    }

    /** Extra response headers (e.g. Retry-After). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
