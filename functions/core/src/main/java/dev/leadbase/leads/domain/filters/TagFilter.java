package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import java.util.List;
import java.util.Optional;

/** {@code tag}: leads carrying this tag. */
public record TagFilter(String tag) implements LeadFilter {
    public static Optional<TagFilter> parse(FilterInput in) {
        return in.get("tag").map(String::trim).filter(s -> !s.isEmpty()).map(TagFilter::new);
    }

    @Override
    public boolean test(Lead lead) {
        return lead.tags().contains(tag);
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.contains("tags", tag));
    }
}
