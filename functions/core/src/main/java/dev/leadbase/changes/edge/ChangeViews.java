package dev.leadbase.changes.edge;

import dev.leadbase.changes.app.ChangesList;
import dev.leadbase.changes.domain.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Change events as the API shows them: the ChangeEvent schema of openapi.yaml. */
public final class ChangeViews {
    private ChangeViews() {
    }

    /** {@code GET /api/v2/changes}: the events and the cursor to read on from (set on every page). */
    public static Map<String, Object> page(ChangesList.Page page) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", page.limit());
        pagination.put("hasNextPage", page.more());
        pagination.put("nextCursor", page.nextCursor());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("events", page.events().stream().map(ChangeViews::event).toList());
        view.put("pagination", pagination);
        return view;
    }

    /** One event: {@code {id, type, occurredAt, sequence, data}}. */
    public static Map<String, Object> event(ChangeEvent e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("type", e.type().wire());
        v.put("occurredAt", e.occurredAt().toString());
        v.put("sequence", e.sequence());
        v.put("data", e.data());
        return v;
    }
}
