package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.LeadSource;
import java.util.Optional;

/** {@code source}: leads from one source. */
public final class SourceFilter {
    private SourceFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return in.oneOf("source", LeadSource.class).map(v -> new FieldEquals(FieldEquals.Field.SOURCE, v.wire()));
    }
}
