package dev.leadbase.webhooks.edge;

import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import dev.leadbase.shared.http.Pagination;
import dev.leadbase.webhooks.app.DeliveryLogPages;
import dev.leadbase.webhooks.app.Replays;
import dev.leadbase.webhooks.domain.DeliveryStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The delivery routes of a webhook: its delivery log and replays. */
public final class DeliveryEndpoints {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private DeliveryEndpoints() {
    }

    /** {@code GET /api/v2/webhooks/{id}/deliveries?status=&cursor=&limit=}. */
    public static Endpoint list(DeliveryLogPages pages) {
        return request -> {
            var params = request.queryParams();
            int limit = params.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
            String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
            DeliveryStatus status = params.get("status").map(s -> DeliveryStatus.fromWire(s).orElseGet(() -> {
                params.invalid("status", "Must be one of succeeded, failed, pending");
                return null;
            })).orElse(null);
            params.done();
            DeliveryLogPages.Page page = pages.page(request.access(), request.pathParameter("id"), status, cursor, limit);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("deliveries", page.attempts().stream().map(DeliveryViews::attempt).toList());
            data.put("pagination", Pagination.cursor(limit, page.nextCursor()));
            return ApiResult.ok(data);
        };
    }

    /** {@code POST /api/v2/webhooks/{id}/replay} with {@code {eventIds}} or {@code {from, to}}: 202. */
    public static Endpoint replay(Replays replays) {
        return request -> {
            var replay = DeliveryRequests.replay(request.jsonBody());
            return ApiResult.accepted(DeliveryViews.replayed(
                    replays.replay(request.access(), request.pathParameter("id"), replay)));
        };
    }
}
