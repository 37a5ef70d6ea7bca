package dev.leadbase.leads.domain;

import dev.leadbase.leads.domain.filters.LeadFilter;
import dev.leadbase.leads.domain.filters.SearchFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated lead-list request: paging, the filters it names, and its order. {@code parameters} are the
 * filter parameters as given (relative dates as written), which bind its cursors; {@code visibleOwner} is set
 * for keys with visibility {@code own}. When {@code sortBy} is null the order is the one the filters imply
 * (score, last event, update, contact time, in that preference), else creation time, so an index serves it.
 */
public record ListLeadsQuery(String tenantId, String visibleOwner, int page, int limit, String cursor,
                             List<LeadFilter> filters, LeadSort sortBy, boolean ascending,
                             Map<String, String> parameters) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final List<LeadSort> IMPLIED_PREFERENCE =
            List.of(LeadSort.SCORE, LeadSort.LAST_EVENT_AT, LeadSort.UPDATED_AT, LeadSort.LAST_CONTACTED_AT);

    public ListLeadsQuery {
        filters = List.copyOf(filters);
        parameters = new LinkedHashMap<>(parameters);
        if (sortBy == null) {
            sortBy = impliedSort(filters);
        }
    }

    /** The order {@code filters} imply, by {@link #IMPLIED_PREFERENCE}; creation time when none implies one. */
    private static LeadSort impliedSort(List<LeadFilter> filters) {
        for (LeadSort preferred : IMPLIED_PREFERENCE) {
            for (LeadFilter f : filters) {
                if (f.impliedSort().equals(Optional.of(preferred))) {
                    return preferred;
                }
            }
        }
        return LeadSort.CREATED_AT;
    }

    /** Everything but paging: a cursor is valid only for the request it was issued for. */
    public String fingerprint() {
        Map<String, String> canonical = new LinkedHashMap<>(parameters);
        canonical.put("sortBy", sortBy.wire());
        canonical.put("sortOrder", ascending ? "asc" : "desc");
        canonical.put("visibleOwner", visibleOwner == null ? "" : visibleOwner);
        return canonical.toString();
    }

    public List<String> searchWords() {
        return search().map(SearchFilter::words).orElse(List.of());
    }

    public boolean hasSearch() {
        return search().isPresent();
    }

    /** True when anything but {@code search} narrows the list (visibility included). */
    public boolean hasFiltersBesidesSearch() {
        for (LeadFilter f : filters) {
            if (!(f instanceof SearchFilter)) {
                return true;
            }
        }
        return false;
    }

    /** A search in any order but creation time is read whole and sorted in memory, so it pages by offset. */
    public boolean pagedByOffset() {
        return hasSearch() && sortBy != LeadSort.CREATED_AT;
    }

    /** Everything the lead must satisfy, as one predicate (the store may serve parts by its keys). */
    public boolean matches(Lead lead) {
        for (LeadFilter f : filters) {
            if (!f.test(lead)) {
                return false;
            }
        }
        return true;
    }

    /** True when no lead can match (an own key asking for another user's leads): the answer is empty. */
    public boolean matchesNothing() {
        for (LeadFilter f : filters) {
            if (f.excludesAll()) {
                return true;
            }
        }
        return false;
    }

    private Optional<SearchFilter> search() {
        for (LeadFilter f : filters) {
            if (f instanceof SearchFilter s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
