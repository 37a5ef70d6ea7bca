package dev.leadbase.leads.domain.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every filter of {@code GET /api/v2/leads}, by its parser; a list applies each one that its request names. A filter
 * applies only when its request names one of its parameters, or (the owner) when the key sees only its user's leads.
 */
public final class LeadFilters {
    private LeadFilters() {
    }

    /** The filters {@code in} names, in a fixed order. */
    public static List<LeadFilter> parse(FilterInput in) {
        if (in.visibleOwner() == null && in.onlyPagingAndOrder()) {
            // the unfiltered list loads no filter's class: a cold container's first list is often this one
            return List.of();
        }
        List<LeadFilter> filters = new ArrayList<>();
        add(filters, StatusFilter.parse(in));
        add(filters, SourceFilter.parse(in));
        add(filters, SearchFilter.parse(in));
        add(filters, CompanyFilter.parse(in));
        add(filters, CompanyIdFilter.parse(in));
        add(filters, TitleFilter.parse(in));
        add(filters, TagFilter.parse(in));
        add(filters, OwnerFilter.parse(in));
        add(filters, CreatedFilter.parse(in));
        add(filters, UpdatedFilter.parse(in));
        add(filters, ContactedFilter.parse(in));
        add(filters, ScoreFilter.parse(in));
        add(filters, EventTypeFilter.parse(in));
        add(filters, LastActiveFilter.parse(in));
        add(filters, PhoneFilter.parse(in));
        return filters;
    }

    private static void add(List<LeadFilter> filters, Optional<? extends LeadFilter> parsed) {
        if (parsed.isPresent()) {
            filters.add(parsed.get());
        }
    }
}
