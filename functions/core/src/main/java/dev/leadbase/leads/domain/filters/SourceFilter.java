package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.LeadSource;
import java.util.Optional;

/** {@code source}: leads from one source. */
public final class SourceFilter {
    private SourceFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return in.get("source").flatMap(v -> {
            Optional<LeadSource> source = LeadSource.fromWire(v.trim());
            if (source.isEmpty()) {
                in.invalid("source", "Must be one of: " + LeadSource.allWire());
            }
            return source.map(s -> new FieldEquals(FieldEquals.Field.SOURCE, s.wire()));
        });
    }
}
