package dev.leadbase.webhooks.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.http.ApiRequest;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.http.HttpApi.Endpoint;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.webhooks.app.Webhooks;
import dev.leadbase.webhooks.domain.SubscriptionRepository.WithSecret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The webhook subscription routes: create, list, read, change, delete, rotate the secret. */
public final class WebhookEndpoints {
    private static final String PATH = "/api/v2/webhooks/";

    private WebhookEndpoints() {
    }

    /**
     * {@code POST /api/v2/webhooks}. It honours {@code Idempotency-Key} itself rather than through its route: the
     * answer it stores leaves the secret out (no secret is ever stored in clear), and every answer, first or replayed,
     * gets the subscription's current secret, derived again on a replay.
     */
    public static Endpoint create(Webhooks webhooks, Idempotency idempotency) {
        return request -> {
            AtomicReference<String> made = new AtomicReference<>();
            ApiResult answer = idempotency.run(request, () -> {
                WithSecret created = webhooks.create(request.principal(), WebhookRequests.newWebhook(request.jsonBody()));
                made.set(created.secret());
                return ApiResult.created(WebhookViews.webhook(created.subscription()))
                        .withHeader("Location", PATH + created.subscription().id());
            });
            String secret = made.get() != null ? made.get() : replayedSecret(webhooks, request, answer);
            return new ApiResult(answer.status(), withSecret(answer.data(), secret), answer.headers());
        };
    }

    /** {@code GET /api/v2/webhooks}. */
    public static Endpoint list(Webhooks webhooks) {
        return request -> {
            WebhookRequests.PageQuery page = WebhookRequests.page(request.queryParams());
            return ApiResult.ok(WebhookViews.page(webhooks.list(request.principal(), page.cursor(), page.limit()),
                    page.limit()));
        };
    }

    /** {@code GET /api/v2/webhooks/{id}}. */
    public static Endpoint get(Webhooks webhooks) {
        return request -> ApiResult.ok(WebhookViews.webhook(webhooks.get(request.principal(), request.pathParameter("id"))));
    }

    /** {@code PATCH /api/v2/webhooks/{id}}. */
    public static Endpoint update(Webhooks webhooks) {
        return request -> {
            String id = request.pathParameter("id");
            return ApiResult.ok(WebhookViews.webhook(webhooks.update(request.principal(), id,
                    WebhookRequests.change(request.jsonBody()))));
        };
    }

    /** {@code DELETE /api/v2/webhooks/{id}}. */
    public static Endpoint delete(Webhooks webhooks) {
        return request -> {
            webhooks.delete(request.principal(), request.pathParameter("id"));
            return ApiResult.noContent();
        };
    }

    /** {@code POST /api/v2/webhooks/{id}/rotate-secret}. */
    public static Endpoint rotateSecret(Webhooks webhooks) {
        return request -> {
            WithSecret rotated = webhooks.rotateSecret(request.principal(), request.pathParameter("id"));
            return ApiResult.ok(WebhookViews.withSecret(rotated.subscription(), rotated.secret()));
        };
    }

    /** The current secret of the subscription a replayed create answer names; a 404 once it was deleted. */
    private static String replayedSecret(Webhooks webhooks, ApiRequest request, ApiResult answer) {
        String id = answer.data() instanceof JsonNode node ? node.path("id").asText("") : "";
        return webhooks.currentSecret(request.principal(), id)
                .orElseThrow(() -> new NotFound("The webhook this Idempotency-Key created has been deleted"));
    }

    @SuppressWarnings("unchecked")
    private static Object withSecret(Object data, String secret) {
        if (data instanceof ObjectNode node) {
            ObjectNode copy = node.deepCopy();
            copy.put("secret", secret);
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) data);
        copy.put("secret", secret);
        return copy;
    }
}
