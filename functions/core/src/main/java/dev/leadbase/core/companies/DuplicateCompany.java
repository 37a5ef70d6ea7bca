package dev.leadbase.core.companies;

import dev.leadbase.core.errors.ErrorCode;
import dev.leadbase.core.errors.LeadbaseException;
import java.util.Map;

/** Reported as {@code CONFLICT}: the tenant already has a company with this domain. */
public final class DuplicateCompany extends LeadbaseException {
    public DuplicateCompany(String existingId) {
        super(ErrorCode.CONFLICT, "A company with this domain already exists", Map.of("existingId", existingId));
    }
}
