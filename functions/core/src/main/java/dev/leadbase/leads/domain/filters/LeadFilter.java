package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import java.util.List;
import java.util.Optional;

/**
 * One filter of a lead list, made by its class's {@code parse(FilterInput)} from the query parameters it owns
 * (listed in {@link LeadFilters}). It says which leads it keeps in memory ({@link #test}) and in the store:
 * by an index key when one can serve it ({@link #key}), else by conditions on stored fields. A list's cursor
 * is bound to every parameter the parsers read, so a filter cannot be left out of it.
 */
public interface LeadFilter {
    /** True when {@code lead} passes this filter. */
    boolean test(Lead lead);

    /** The conditions a store applies when its index key does not serve this filter. */
    List<Condition> conditions();

    /** The index key part that can serve this filter, if any. */
    default Optional<KeyPart> key() {
        return Optional.empty();
    }

    /** True when the exact lead counters (by owner, status and source) still answer the total under this filter. */
    default boolean counted() {
        return false;
    }

    /** The order a list takes when {@code sortBy} is omitted, when this filter is best served in one. */
    default Optional<LeadSort> impliedSort() {
        return Optional.empty();
    }

    /** True when no lead can pass (an own key asking for another user's leads). */
    default boolean excludesAll() {
        return false;
    }
}
