package dev.leadbase.shared.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the API reports to its caller. Each subclass fixes its {@link ErrorCode}; the HTTP
 * layer turns it into the API's error body.
 */
public abstract class LeadbaseException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;
    private final Map<String, Object> extraFields;
    private final Map<String, String> headers;

    protected LeadbaseException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, Map.of(), Map.of());
    }

    /** With extra top-level fields of the error body and extra response headers. */
    protected LeadbaseException(ErrorCode code, String message, Map<String, Object> details,
                                Map<String, Object> extraFields, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.extraFields = Map.copyOf(extraFields);
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Extra top-level fields of the error body (e.g. permissionHelp, retryAfter). */
    public final Map<String, Object> extraFields() {
        return extraFields;
    }

    /** Extra response headers (e.g. Retry-After). */
    public final Map<String, String> headers() {
        return headers;
    }
}
