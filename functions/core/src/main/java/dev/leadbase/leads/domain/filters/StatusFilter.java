package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.LeadStatus;
import java.util.Optional;

/** {@code status}: leads in one pipeline status. */
public final class StatusFilter {
    private StatusFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return in.oneOf("status", LeadStatus.class).map(v -> new FieldEquals(FieldEquals.Field.STATUS, v.wire()));
    }
}
