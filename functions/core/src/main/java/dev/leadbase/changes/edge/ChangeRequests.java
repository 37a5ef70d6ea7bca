package dev.leadbase.changes.edge;

import dev.leadbase.changes.app.ChangesList;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.http.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code GET /api/v2/changes}'s query into the record its use case takes. */
public final class ChangeRequests {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    private ChangeRequests() {
    }

    /** {@code cursor}, {@code types} (comma-separated wire names), {@code limit} 1..100 (default 50). */
    public static ChangesList.Query list(QueryParams params) {
        int limit = params.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
        Set<ChangeType> types = types(params, params.get("types"));
        params.done();
        return new ChangesList.Query(cursor, types, limit);
    }

    private static Set<ChangeType> types(QueryParams params, Optional<String> raw) {
        Set<ChangeType> types = new LinkedHashSet<>();
        if (raw.isEmpty()) {
            return types;
        }
        List<String> unknown = new ArrayList<>();
        for (String name : raw.get().split(",", -1)) {
            ChangeType.fromWire(name).ifPresentOrElse(types::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            params.invalid("types", "Unknown type(s) '" + String.join("', '", unknown)
                    + "'; must be a comma-separated list of: " + ChangeType.allWire());
        }
        return types;
    }
}
