package dev.leadbase.shared.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code pagination} block of a list: paged by number or cursor with its exact total, or by cursor alone. */
public final class Pagination {
    private Pagination() {
    }

    /** {@code nextCursor} is null on the last page. */
    public static Map<String, Object> of(int page, int limit, long total, String nextCursor) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("page", page);
        pagination.put("limit", limit);
        pagination.put("total", total);
        pagination.put("pages", (total + limit - 1) / limit);
        pagination.put("hasNextPage", nextCursor != null);
        pagination.put("hasPrevPage", page > 1);
        pagination.put("nextCursor", nextCursor);
        return pagination;
    }

    /** A list that pages by cursor alone; {@code nextCursor} is null on the last page. */
    public static Map<String, Object> cursor(int limit, String nextCursor) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        pagination.put("hasNextPage", nextCursor != null);
        pagination.put("nextCursor", nextCursor);
        return pagination;
    }
}
