package dev.leadbase.it.webhooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbase.shared.http.HttpRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One API Gateway (payload 2.0) request to a route table, and its answer read back. */
final class RoutesCall {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }
    }

    private RoutesCall() {
    }

    static Answer call(HttpRoutes routes, String apiKey, String method, String routePath, String id,
                       Map<String, String> query, Object body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(routePath.replace("{id}", id));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", apiKey);
        headers.put("content-type", "application/json");
        event.setHeaders(headers);
        event.setPathParameters(Map.of("id", id));
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        try {
            event.setBody(body == null ? null : JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        event.setIsBase64Encoded(false);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(event.getRawPath());
        http.setSourceIp("127.0.0.1");
        context.setHttp(http);
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey(event.getRouteKey());
        event.setRequestContext(context);
        APIGatewayV2HTTPResponse response = routes.handleRequest(event, null);
        try {
            return new Answer(response.getStatusCode(),
                    response.getBody() == null ? JSON.createObjectNode() : JSON.readTree(response.getBody()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
