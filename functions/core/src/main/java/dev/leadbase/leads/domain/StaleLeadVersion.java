package dev.leadbase.leads.domain;

import dev.leadbase.shared.errors.ErrorCode;
import dev.leadbase.shared.errors.LeadbaseException;
import java.util.Map;

/** Reported as {@code PRECONDITION_FAILED}: the lead changed since the version the caller holds. */
public final class StaleLeadVersion extends LeadbaseException {
    public StaleLeadVersion(long expected, Long current) {
        super(ErrorCode.PRECONDITION_FAILED, "The lead was modified since version " + expected,
                current == null ? Map.of("expectedVersion", expected)
                        : Map.of("expectedVersion", expected, "currentVersion", current));
    }
}
