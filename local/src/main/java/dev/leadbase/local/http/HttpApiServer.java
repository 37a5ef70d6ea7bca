package dev.leadbase.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** An API Gateway HTTP API (payload 2.0) in front of the template's functions, on 127.0.0.1 only. */
public final class HttpApiServer implements AutoCloseable {
    /** API Gateway's request payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(HttpApiServer.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String SCHEDULES_PREFIX = "/_local/schedules/";

    private final RouteTable routes;
    private final Function<String, Object> scheduleFirer;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param scheduleFirer fires a function's schedule event now, returning the handler's result
     *                      (throws IllegalArgumentException for an unknown or unscheduled function)
     */
    public HttpApiServer(int port, RouteTable routes, Function<String, Object> scheduleFirer) throws IOException {
        this.routes = routes;
        this.scheduleFirer = scheduleFirer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(SCHEDULES_PREFIX) && exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                fireSchedule(exchange, path.substring(SCHEDULES_PREFIX.length()));
                return;
            }
            routeToFunction(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Local HTTP server failed", e);
        }
    }

    private void routeToFunction(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<RouteTable.Match> match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            sendJson(exchange, 404, Map.of("message", "Not Found"));
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            sendJson(exchange, 413, Map.of("message", "Request Entity Too Large"));
            return;
        }
        APIGatewayV2HTTPEvent event = toEvent(exchange, match.get(), body);
        Object result;
        try {
            result = match.get().route().function().invoke(event);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Function " + match.get().route().function().name() + " failed", e);
            sendJson(exchange, 500, Map.of("message", "Internal Server Error"));
            return;
        }
        send(exchange, toResponse(result));
    }

    private void fireSchedule(HttpExchange exchange, String functionId) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            sendJson(exchange, 405, Map.of("message", "Use POST"));
            return;
        }
        try {
            Object result = scheduleFirer.apply(functionId);
            byte[] out = dev.leadbase.local.LambdaJson.output(result).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
        } catch (IllegalArgumentException e) {
            sendJson(exchange, 404, Map.of("message", e.getMessage()));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Scheduled function " + functionId + " failed", e);
            sendJson(exchange, 500, Map.of("message", "Internal Server Error"));
        }
    }

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, RouteTable.Match match, byte[] body) {
        Instant now = Instant.now();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                // payload 2.0 moves cookies out of the headers
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.putIfAbsent("x-forwarded-for", exchange.getRemoteAddress().getAddress().getHostAddress());
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", String.valueOf(exchange.getLocalAddress().getPort()));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery);
        event.setHeaders(headers);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setQueryStringParameters(queryParameters(rawQuery));
        Map<String, String> pathParameters = new LinkedHashMap<>();
        match.pathParameters().forEach((k, v) -> pathParameters.put(k, decode(v)));
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);

        String contentType = headers.getOrDefault("content-type", "");
        if (body.length > 0) {
            boolean text = isText(contentType);
            event.setIsBase64Encoded(!text);
            event.setBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }

        String host = headers.getOrDefault("host", "127.0.0.1");
        String domain = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(dev.leadbase.local.template.Resolver.ACCOUNT);
        context.setApiId(match.route().apiId());
        context.setDomainName(domain);
        context.setDomainPrefix(domain.split("\\.")[0]);
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey(match.route().routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.setPath(rawPath);
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        http.setUserAgent(headers.getOrDefault("user-agent", ""));
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    /** API Gateway joins repeated query keys with commas and decodes values. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Returns null when the body exceeds the API Gateway limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Handlers may return the v2 response, its JSON, or any value (API Gateway then answers 200 with it as JSON). */
    static APIGatewayV2HTTPResponse toResponse(Object result) {
        if (result instanceof APIGatewayV2HTTPResponse response) {
            return response;
        }
        String json = result instanceof String s ? s : dev.leadbase.local.LambdaJson.output(result);
        try {
            if (MAPPER.readTree(json).has("statusCode")) {
                return dev.leadbase.local.LambdaJson.input(json, APIGatewayV2HTTPResponse.class);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through and return it as the body
        }
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(200);
        response.setHeaders(Map.of("content-type", "application/json"));
        response.setBody(json);
        return response;
    }

    private static void send(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        var out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> {
                if (v != null) {
                    out.set(k, v);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, vs) -> {
                if (vs != null) {
                    vs.forEach(v -> out.add(k, v));
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> out.add("Set-Cookie", c));
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
