package dev.leadbase.leads.edge;

import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.domain.filters.FilterInput;
import dev.leadbase.leads.domain.filters.LeadFilters;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.http.ApiRequest;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.shared.ids.IdKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses the query string of {@code GET /api/v2/leads} into a {@link ListLeadsQuery}, reporting every problem at once. */
public final class ListLeadsParams implements FilterInput {
    private static final Set<String> PAGING_AND_ORDER =
            Set.of("page", "limit", "cursor", "sortBy", "sort_by", "sortOrder", "sort_order");
    private final QueryParams q;
    private final Instant now;
    private final String visibleOwner;
    /** Each filter parameter read, with its value as given, in the order read. */
    private final Map<String, String> given = new LinkedHashMap<>();

    private ListLeadsParams(QueryParams q, Instant now, String visibleOwner) {
        this.q = q;
        this.now = now;
        this.visibleOwner = visibleOwner;
    }

    /** The request's list, within what its caller's key may see. */
    public static ListLeadsQuery of(ApiRequest request, Instant now) {
        return parse(request.principal().tenantId(), AccessPolicy.of(request.principal()).ownerScope(),
                request.queryParams(), now);
    }

    public static ListLeadsQuery parse(String tenantId, String visibleOwner, QueryParams q, Instant now) {
        int page = q.integer("page", 1, Integer.MAX_VALUE).orElse(1);
        int limit = q.integer("limit", 1, ListLeadsQuery.MAX_LIMIT).orElse(ListLeadsQuery.DEFAULT_LIMIT);
        String cursor = q.get("cursor").filter(s -> !s.isBlank()).orElse(null);
        ListLeadsParams input = new ListLeadsParams(q, now, visibleOwner);
        var filters = LeadFilters.parse(input);
        LeadSort sortBy = q.get("sortBy", "sort_by").map(v -> LeadSort.fromWire(v.trim()).orElseGet(() -> {
            q.invalid("sortBy", "Must be one of: " + LeadSort.allWire());
            return null;
        })).orElse(null);
        boolean ascending = q.get("sortOrder", "sort_order").map(v -> switch (v.trim()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> {
                q.invalid("sortOrder", "Must be one of: asc, desc");
                yield false;
            }
        }).orElse(false);
        q.done();
        return new ListLeadsQuery(tenantId, visibleOwner, page, limit, cursor, filters, sortBy, ascending, input.given);
    }

    @Override
    public Optional<String> get(String name, String... aliases) {
        Optional<String> value = q.get(name, aliases);
        remember(name);
        return value;
    }

    @Override
    public Optional<String> id(String name, IdKind kind, String... aliases) {
        Optional<String> value = q.id(name, kind, aliases);
        remember(name);
        return value;
    }

    private void remember(String name) {
        q.given(name).ifPresent(v -> given.putIfAbsent(name, v));
    }

    @Override
    public void invalid(String name, String message) {
        q.invalid(name, message);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public String visibleOwner() {
        return visibleOwner;
    }

    @Override
    public boolean onlyPagingAndOrder() {
        return q.givenOnly(PAGING_AND_ORDER);
    }
}
