package dev.leadbase.leads.edge;

import dev.leadbase.leads.app.Leads;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lead routes: list, read, create, change, delete, batch create. */
public final class LeadEndpoints {
    private LeadEndpoints() {
    }

    /** {@code GET /api/v2/leads}. */
    public static Endpoint list(Leads leads, Clock clock) {
        return request -> ApiResult.ok(LeadViews.list(leads.list(request.principal(),
                ListLeadsParams.of(request, clock.instant()))));
    }

    /** {@code GET /api/v2/leads/{id}}. */
    public static Endpoint get(Leads leads) {
        return request -> {
            Lead lead = leads.get(request.principal(), request.pathParameter("id"));
            return ApiResult.ok(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead));
        };
    }

    /** {@code POST /api/v2/leads}. */
    public static Endpoint create(Leads leads) {
        return request -> {
            Lead lead = leads.create(request.principal(), LeadBodies.of(request.jsonBody()));
            return ApiResult.created(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead))
                    .withHeader("Location", "/api/v2/leads/" + lead.id());
        };
    }

    /** {@code PATCH /api/v2/leads/{id}}. */
    public static Endpoint update(Leads leads) {
        return request -> {
            Lead lead = leads.update(request.principal(), request.pathParameter("id"), LeadBodies.of(request.jsonBody()),
                    IfMatch.version(request));
            return ApiResult.ok(LeadViews.lead(lead)).withHeader("ETag", LeadViews.etag(lead));
        };
    }

    /** {@code DELETE /api/v2/leads/{id}}. */
    public static Endpoint delete(Leads leads) {
        return request -> {
            String id = request.pathParameter("id");
            leads.delete(request.principal(), id, IfMatch.version(request));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("deleted", true);
            return ApiResult.ok(data);
        };
    }

    /** {@code POST /api/v2/leads/batch}. */
    public static Endpoint batch(Leads leads) {
        return request -> ApiResult.ok(LeadViews.batch(leads.batch(request.principal(), LeadBodies.batch(request.jsonBody()))));
    }
}
