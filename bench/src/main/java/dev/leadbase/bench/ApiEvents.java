package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.local.LocalFunction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** In-process HTTP invocations: API Gateway events built as the local HTTP server builds them, and their answers. */
final class ApiEvents {
    private ApiEvents() {
    }

    /** Invokes a function with an HTTP event and returns its response, which must be a 2xx. */
    static APIGatewayV2HTTPResponse invokeOk(LocalFunction fn, APIGatewayV2HTTPEvent event) {
        Object result = fn.invoke(event);
        if (!(result instanceof APIGatewayV2HTTPResponse r) || r.getStatusCode() / 100 != 2) {
            throw new IllegalStateException(fn.name() + " answered " + result);
        }
        return r;
    }

    static int status(Object result) {
        return result instanceof APIGatewayV2HTTPResponse r ? r.getStatusCode() : 200;
    }

    /** An API Gateway HTTP API payload 2.0 event, shaped like the local HTTP server's. */
    static APIGatewayV2HTTPEvent event(String method, String routePath, String rawPath, Map<String, String> query,
                                      Map<String, String> pathParameters, String body, String apiKey) {
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", apiKey);
        headers.put("host", "127.0.0.1");
        headers.put("user-agent", "leadbase-bench");
        headers.put("x-forwarded-for", "127.0.0.1");
        headers.put("x-forwarded-proto", "http");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(rawPath);
        event.setRawQueryString(raw.toString());
        event.setHeaders(headers);
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setPathParameters(pathParameters == null ? null : new LinkedHashMap<>(pathParameters));
        if (body != null) {
            event.setIsBase64Encoded(false);
            event.setBody(body);
        }
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("123456789012");
        context.setApiId("local");
        context.setDomainName("127.0.0.1");
        context.setDomainPrefix("127");
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey(method + " " + routePath);
        context.setStage("$default");
        context.setTimeEpoch(now.toEpochMilli());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        http.setUserAgent("leadbase-bench");
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
