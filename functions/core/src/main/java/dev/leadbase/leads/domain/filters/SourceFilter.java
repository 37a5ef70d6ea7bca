package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.util.List;
import java.util.Optional;

/** {@code source}: leads from one source. */
public record SourceFilter(LeadSource source) implements LeadFilter {
    public static Optional<SourceFilter> parse(FilterInput in) {
        return in.get("source").flatMap(v -> {
            Optional<LeadSource> source = LeadSource.fromWire(v.trim());
            if (source.isEmpty()) {
                in.invalid("source", "Must be one of: " + LeadSource.allWire());
            }
            return source.map(SourceFilter::new);
        });
    }

    @Override
    public boolean test(Lead lead) {
        return source == lead.source();
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.equal("source", source.wire()));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.equal(Key.SOURCE, source.wire()));
    }

    @Override
    public boolean counted() {
        return true;
    }
}
