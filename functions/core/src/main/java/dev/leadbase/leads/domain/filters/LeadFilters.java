package dev.leadbase.leads.domain.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every filter of {@code GET /api/v2/leads}, by its parser; a list applies each one that its request names. */
public final class LeadFilters {
    /** Reads one filter from the query, or nothing when its parameters are absent or bad (bad ones are reported). */
    @FunctionalInterface
    interface Parser {
        Optional<? extends LeadFilter> parse(FilterInput in);
    }

    private static final List<Parser> PARSERS = List.of(StatusFilter::parse, SourceFilter::parse, SearchFilter::parse,
            CompanyFilter::parse, CompanyIdFilter::parse, TitleFilter::parse, TagFilter::parse, OwnerFilter::parse,
            CreatedFilter::parse, UpdatedFilter::parse, ContactedFilter::parse, ScoreFilter::parse,
            EventTypeFilter::parse, LastActiveFilter::parse, PhoneFilter::parse);

    private LeadFilters() {
    }

    /** The filters {@code in} names, in a fixed order. */
    public static List<LeadFilter> parse(FilterInput in) {
        List<LeadFilter> filters = new ArrayList<>();
        PARSERS.forEach(p -> p.parse(in).ifPresent(filters::add));
        return filters;
    }
}
