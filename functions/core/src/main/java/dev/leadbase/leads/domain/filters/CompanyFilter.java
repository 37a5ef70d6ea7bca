package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.TextKeys;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.util.List;
import java.util.Optional;

/** {@code company}: leads whose company name is this one, ignoring case and accents. */
public record CompanyFilter(String folded) implements LeadFilter {
    public static Optional<CompanyFilter> parse(FilterInput in) {
        return Optional.ofNullable(in.text("company", 200)).map(c -> new CompanyFilter(TextKeys.fold(c)));
    }

    @Override
    public boolean test(Lead lead) {
        return folded.equals(TextKeys.fold(lead.company()));
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.foldedEqual("company", folded));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.equal(Key.COMPANY, folded));
    }
}
