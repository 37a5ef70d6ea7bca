package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.TextKeys;
import java.util.Optional;

/** {@code company}: leads whose company name is this one, ignoring case and accents. */
public final class CompanyFilter {
    private CompanyFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return Optional.ofNullable(in.text("company", 200))
                .map(c -> new FieldEquals(FieldEquals.Field.COMPANY, TextKeys.fold(c)));
    }
}
