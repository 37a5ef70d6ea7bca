package dev.leadbase.leads.domain;

import dev.leadbase.shared.errors.ErrorCode;
import dev.leadbase.shared.errors.LeadbaseException;
import java.util.Map;

/**
 * Reported as {@code CONFLICT}: the tenant already has a lead with this email. It names the existing lead
 * ({@code details.existingId}) unless the caller may not see it.
 */
public final class DuplicateLead extends LeadbaseException {
    private static final String MESSAGE = "A lead with this email already exists";
    private final String existingId;

    public DuplicateLead(String existingId) {
        super(ErrorCode.CONFLICT, MESSAGE, existingId == null ? Map.of() : Map.of("existingId", existingId));
        this.existingId = existingId;
    }

    /** The conflict without the existing lead's id, for a caller that may not see that lead. */
    public static DuplicateLead unnamed() {
        return new DuplicateLead(null);
    }

    /** The existing lead's id, or null when it is not to be shown. */
    public String existingId() {
        return existingId;
    }
}
