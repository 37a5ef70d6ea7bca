package dev.leadbase.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.access.app.Authenticator;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.errors.ErrorCode;
import dev.leadbase.shared.errors.LeadbaseException;
import dev.leadbase.shared.errors.PayloadTooLarge;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.shared.ids.IdKind;
import dev.leadbase.shared.json.Json;
import dev.leadbase.shared.logging.JsonLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The doorway every HTTP handler goes through: authenticates the key, checks the permission,
 * runs the endpoint, maps its result or error to the API's envelope, and logs one line.
 */
public final class HttpApi {
    public static final String API_VERSION = "2.0";

    /** The work of one route. */
    @FunctionalInterface
    public interface Endpoint {
        ApiResult handle(ApiRequest request);
    }

    private static final String PRIMING_KEY = "lb_snapstart_priming_key";

    private final Authenticator authenticator;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Supplier<Idempotency> idempotency;
    private final SnapStartPriming priming;

    /** {@code idempotency} is asked for on the first request of an idempotent route only. */
    public HttpApi(Authenticator authenticator, Clock clock, int maxBodyBytes, Supplier<Idempotency> idempotency) {
        this.authenticator = authenticator;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.idempotency = idempotency;
        this.priming = SnapStartPriming.register(this::warmUp);
    }

    /** The request path without a caller: a key lookup that misses, an error body, a body read. */
    private void warmUp() {
        try {
            authenticator.authenticate(Optional.of(PRIMING_KEY));
        } catch (LeadbaseException expected) {
            error("priming", expected.code(), expected.getMessage(), expected.details(), expected.extraFields(), Map.of());
        }
        // responses are written by hand; request bodies are read by the mapper, built here for the snapshot
        Json.read(Json.write(Map.of("success", true, "data", Map.of("primed", true))), Map.class);
        BodyReader.parse("{\"primed\":[true,1,1.5,\"text\"]}");
    }

    public SnapStartPriming priming() {
        return priming;
    }

    /**
     * Runs {@code endpoint} as {@code route} says: authenticates the caller as its access asks, checks path ids and
     * unread query parameters, honours {@code Idempotency-Key} on idempotent routes, and maps the result or error.
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context, Route route, Endpoint endpoint) {
        long started = System.nanoTime();
        ApiRequest request = toRequest(event, context);
        Map<String, Object> log = LinkedHashMap.newLinkedHashMap(8);
        log.put("requestId", request.requestId());
        log.put("function", context == null ? null : context.getFunctionName());
        log.put("method", request.method());
        log.put("route", event.getRouteKey());
        APIGatewayV2HTTPResponse response;
        try {
            if (request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
                throw new PayloadTooLarge("Request body exceeds " + maxBodyBytes + " bytes",
                        Map.of("maxBytes", maxBodyBytes));
            }
            Optional<String> key = presentedKey(request.headers());
            switch (route.access()) {
                case KEY -> {
                    Principal principal = authenticator.authenticate(key);
                    log.put("tenantId", principal.tenantId());
                    log.put("keyId", principal.keyId());
                    principal.require(route.permission(), route.action());
                    request = request.withPrincipal(principal);
                }
                case PLATFORM_ADMIN -> {
                    authenticator.authenticatePlatformAdmin(key);
                    log.put("tenantId", "platform-admin");
                }
                case PUBLIC -> { }
            }
            checkPathIds(event.getRouteKey(), request.pathParameters());
            if (!route.takesQuery()) {
                new QueryParams(request.query()).done();  // reads none, so names every parameter as unknown
            }
            ApiRequest accepted = request;
            ApiResult result = route.idempotent() ? idempotency.get().run(accepted, () -> endpoint.handle(accepted))
                    : endpoint.handle(accepted);
            response = success(request, result);
        } catch (LeadbaseException e) {
            response = error(request.requestId(), e.code(), e.getMessage(), e.details(), e.extraFields(), e.headers());
        } catch (RuntimeException e) {
            JsonLog.error("unhandled error", log, e);
            response = error(request.requestId(), ErrorCode.INTERNAL_ERROR,
                    "An internal error occurred. Quote requestId " + request.requestId() + " when reporting it.",
                    Map.of(), Map.of("requestId", request.requestId()), Map.of());
        }
        log.put("status", response.getStatusCode());
        log.put("latencyMs", (System.nanoTime() - started) / 1_000_000.0);
        JsonLog.info("request", log);
        return response;
    }

    /**
     * Every path parameter is an id of the kind its route names ({@link IdKind#ofPathParameter}); one that is
     * malformed is a 400 naming it, before any store sees it. A parameter of no known kind is held to the same
     * bound as an event id.
     */
    static void checkPathIds(String routeKey, Map<String, String> pathParameters) {
        Map<String, Object> invalid = new LinkedHashMap<>();
        pathParameters.forEach((name, value) -> {
            IdKind kind = IdKind.ofPathParameter(routeKey, name).orElse(IdKind.EVENT);
            if (!kind.valid(value)) {
                invalid.put(name, kind.message());
            }
        });
        if (!invalid.isEmpty()) {
            throw new ValidationFailed("Invalid path parameters", Map.of("invalidParams", invalid));
        }
    }

    private APIGatewayV2HTTPResponse success(ApiRequest request, ApiResult result) {
        Map<String, String> headers = baseHeaders(request.requestId());
        headers.putAll(result.headers());
        if (result.status() == 204) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(headers).build();
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("data", result.data());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(result.status()).withHeaders(headers)
                .withBody(Json.write(envelope)).withIsBase64Encoded(false).build();
    }

    /** The API's error body. */
    public APIGatewayV2HTTPResponse error(String requestId, ErrorCode code, String message, Map<String, Object> details,
                                          Map<String, Object> extra, Map<String, String> extraHeaders) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("code", code.name());
        body.put("message", message);
        body.put("version", API_VERSION);
        body.put("timestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        if (!details.isEmpty()) {
            body.put("details", details);
        }
        body.putAll(extra);
        Map<String, String> headers = baseHeaders(requestId);
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(code.status()).withHeaders(headers)
                .withBody(Json.write(body)).withIsBase64Encoded(false).build();
    }

    private static Map<String, String> baseHeaders(String requestId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-request-id", requestId);
        return headers;
    }

    static Optional<String> presentedKey(Map<String, String> headers) {
        String key = headers.get("x-api-key");
        if (key != null && !key.isBlank()) {
            return Optional.of(key.trim());
        }
        String auth = headers.get("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
            return Optional.of(auth.substring(7).trim());
        }
        return Optional.empty();
    }

    private ApiRequest toRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId()
                : context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new ApiRequest(requestId, http == null ? "GET" : http.getMethod(), event.getRawPath(),
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                headers, body, null);
    }
}
