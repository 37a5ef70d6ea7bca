package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.util.List;
import java.util.Optional;

/**
 * {@code ownerId}, and the visibility of an {@code own} key: leads of one user. An own key that asks
 * for another user's leads gets none ({@code conflict}).
 */
public record OwnerFilter(String ownerId, boolean conflict) implements LeadFilter {
    public static Optional<OwnerFilter> parse(FilterInput in) {
        String asked = in.text("ownerId", 100);
        String visible = in.visibleOwner();
        String owner = visible != null ? visible : asked;
        return owner == null ? Optional.empty()
                : Optional.of(new OwnerFilter(owner, visible != null && asked != null && !asked.equals(visible)));
    }

    @Override
    public boolean test(Lead lead) {
        return !conflict && ownerId.equals(lead.ownerId());
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.equal("ownerId", ownerId));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.equal(Key.OWNER, ownerId));
    }

    @Override
    public boolean counted() {
        return true;
    }

    @Override
    public boolean excludesAll() {
        return conflict;
    }
}
