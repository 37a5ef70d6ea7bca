package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import dev.leadbase.shared.ids.IdKind;
import java.util.List;
import java.util.Optional;

/** {@code companyId}: leads linked to one company of the directory. */
public record CompanyIdFilter(String companyId) implements LeadFilter {
    public static Optional<CompanyIdFilter> parse(FilterInput in) {
        return in.id("companyId", IdKind.COMPANY, "company_id").map(CompanyIdFilter::new);
    }

    @Override
    public boolean test(Lead lead) {
        return companyId.equals(lead.companyId());
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.equal("companyId", companyId));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.equal(Key.COMPANY_ID, companyId));
    }
}
