package dev.leadbase.shared.paging;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.Principal;

/**
 * What a cursor is bound to: the route, the tenant, the caller's view of it (its user for an
 * {@code own} key, empty for a tenant-wide one), the parent the list hangs under (a lead, for its
 * events; empty for top-level lists) and the request's filters, everything but paging.
 */
public record CursorScope(PagedRoute route, String tenantId, String viewer, String parentId, String filters) {
    public CursorScope {
        if (route == null || tenantId == null || tenantId.isEmpty()) {
            throw new IllegalArgumentException("A cursor scope needs a route and a tenant");
        }
        viewer = viewer == null ? "" : viewer;
        parentId = parentId == null ? "" : parentId;
        filters = filters == null ? "" : filters;
    }

    /** The scope of {@code route} for this caller, with no parent and no filters. */
    public static CursorScope of(PagedRoute route, Principal caller) {
        String owner = AccessPolicy.of(caller).ownerScope();
        return new CursorScope(route, caller.tenantId(), owner == null ? "" : owner, "", "");
    }

    public CursorScope parent(String id) {
        return new CursorScope(route, tenantId, viewer, id, filters);
    }

    public CursorScope filters(String fingerprint) {
        return new CursorScope(route, tenantId, viewer, parentId, fingerprint);
    }
}
