package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.TextKeys;
import java.util.List;
import java.util.Optional;

/** {@code title}: leads whose title holds this text, ignoring case and accents. */
public record TitleFilter(String folded) implements LeadFilter {
    public static Optional<TitleFilter> parse(FilterInput in) {
        return Optional.ofNullable(in.text("title", 200)).map(t -> new TitleFilter(TextKeys.fold(t)));
    }

    @Override
    public boolean test(Lead lead) {
        return lead.title() != null && TextKeys.fold(lead.title()).contains(folded);
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.foldedContains("title", folded));
    }
}
