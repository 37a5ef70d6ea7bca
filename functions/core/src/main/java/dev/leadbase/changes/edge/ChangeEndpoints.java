package dev.leadbase.changes.edge;

import dev.leadbase.changes.app.ChangesList;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;

/** The changes feed's route. */
public final class ChangeEndpoints {
    private ChangeEndpoints() {
    }

    /** {@code GET /api/v2/changes}. */
    public static Endpoint list(ChangesList changes) {
        return request -> ApiResult.ok(ChangeViews.page(changes.list(request.access(),
                ChangeRequests.list(request.queryParams()))));
    }
}
