package dev.leadbase.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbase.composition.Components;
import java.util.LinkedHashMap;
import java.util.Map;

/** Echoes the v2 event and the environment it was constructed with; throws for id "boom". */
public class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, String> env = new LinkedHashMap<>();

    public EchoHandler(Components components) {
        for (String name : new String[] {"TABLE", "STAGE", "QUEUE_URL", "QUEUE_ARN", "SUBBED", "SUBBED_LIST", "JOINED"}) {
            env.put(name, components.config().get(name, null));
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getPathParameters() != null && "boom".equals(event.getPathParameters().get("id"))) {
            throw new IllegalStateException("boom");
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("version", event.getVersion());
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("headers", event.getHeaders());
        echo.put("cookies", event.getCookies());
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("method", event.getRequestContext().getHttp().getMethod());
        echo.put("stage", event.getRequestContext().getStage());
        echo.put("requestId", event.getRequestContext().getRequestId());
        echo.put("functionName", context.getFunctionName());
        echo.put("memory", context.getMemoryLimitInMB());
        echo.put("env", env);
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(201)
                    .withHeaders(Map.of("content-type", "application/json", "x-echo", "yes"))
                    .withCookies(java.util.List.of("seen=1; Path=/"))
                    .withBody(MAPPER.writeValueAsString(echo))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
