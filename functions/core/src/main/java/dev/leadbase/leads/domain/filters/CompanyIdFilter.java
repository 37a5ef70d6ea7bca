package dev.leadbase.leads.domain.filters;

import dev.leadbase.shared.ids.IdKind;
import java.util.Optional;

/** {@code companyId}: leads linked to one company of the directory. */
public final class CompanyIdFilter {
    private CompanyIdFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return in.id("companyId", IdKind.COMPANY, "company_id")
                .map(id -> new FieldEquals(FieldEquals.Field.COMPANY_ID, id));
    }
}
