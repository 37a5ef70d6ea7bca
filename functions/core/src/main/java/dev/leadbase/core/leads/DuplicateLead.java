package dev.leadbase.core.leads;

import dev.leadbase.core.errors.ErrorCode;
import dev.leadbase.core.errors.LeadbaseException;
import java.util.Map;

/** Reported as {@code CONFLICT}: the tenant already has a lead with this email. */
public final class DuplicateLead extends LeadbaseException {
    private final String existingId;

    public DuplicateLead(String existingId) {
        super(ErrorCode.CONFLICT, "A lead with this email already exists", Map.of("existingId", existingId));
        this.existingId = existingId;
    }

    public String existingId() {
        return existingId;
    }
}
