package dev.leadbase.companies.domain;

import dev.leadbase.shared.errors.ErrorCode;
import dev.leadbase.shared.errors.LeadbaseException;
import java.util.Map;

/** Reported as {@code CONFLICT}: the tenant already has a company with this domain. */
public final class DuplicateCompany extends LeadbaseException {
    public DuplicateCompany(String existingId) {
        super(ErrorCode.CONFLICT, "A company with this domain already exists", Map.of("existingId", existingId));
    }
}
