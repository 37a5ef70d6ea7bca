package dev.leadbase.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An API Gateway HTTP API (payload 2.0) in front of the template's functions, on 127.0.0.1 only. It speaks
 * HTTP/1.1 itself ({@link HttpWire}) so that every answer, a malformed URL's included, is JSON.
 */
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
    private final ServerSocket socket;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /**
     * @param scheduleFirer fires a function's schedule event now, returning the handler's result
     *                      (throws IllegalArgumentException for an unknown or unscheduled function)
     */
    public HttpApiServer(int port, RouteTable routes, Function<String, Object> scheduleFirer) throws IOException {
        this.routes = routes;
        this.scheduleFirer = scheduleFirer;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port), 128);
        Thread.ofPlatform().daemon().name("leadbase-http-accept").start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                executor.execute(() -> serve(connection));
            } catch (IOException | RejectedExecutionException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "Local HTTP server: accept failed", e);
                }
            }
        }
    }

    /** Serves one connection's requests in turn until the client or a fault closes it. */
    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(connection.getOutputStream(), 16 * 1024);
            while (true) {
                HttpWire.Request request = HttpWire.read(in, out, MAX_BODY_BYTES);
                if (request == null) {
                    return;
                }
                Answer answer;
                try {
                    answer = request.problem() != null ? Answer.json(request.problemStatus(), Map.of("message", request.problem()))
                            : handle(request, connection);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Local HTTP server failed", e);
                    answer = Answer.json(500, Map.of("message", "Internal Server Error"));
                }
                boolean close = !request.keepAlive();
                HttpWire.write(out, request.method(), answer.status(), answer.headers(), answer.body(), close);
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(connection);
        }
    }

    /** What goes back: status, headers in order, body. */
    record Answer(int status, List<String[]> headers, byte[] body) {
        static Answer json(int status, Object body) {
            byte[] bytes;
            try {
                bytes = MAPPER.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", "application/json"});
            return new Answer(status, headers, bytes);
        }
    }

    private Answer handle(HttpWire.Request request, Socket connection) {
        String path = request.rawPath();
        if (path.startsWith(SCHEDULES_PREFIX) && connection.getInetAddress().isLoopbackAddress()) {
            return fireSchedule(request, path.substring(SCHEDULES_PREFIX.length()));
        }
        return routeToFunction(request, connection);
    }

    private Answer routeToFunction(HttpWire.Request request, Socket connection) {
        String method = request.method().toUpperCase(Locale.ROOT);
        Optional<RouteTable.Match> match = routes.match(method, request.rawPath());
        if (match.isEmpty()) {
            return Answer.json(404, Map.of("message", "Not Found"));
        }
        APIGatewayV2HTTPEvent event;
        try {
            event = toEvent(request, connection, match.get());
        } catch (MalformedUrl e) {
            return Answer.json(400, malformedUrlBody(e));
        }
        Object result;
        try {
            result = match.get().route().function().invoke(event);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Function " + match.get().route().function().name() + " failed", e);
            return Answer.json(500, Map.of("message", "Internal Server Error"));
        }
        return toAnswer(toResponse(result));
    }

    /** The API's error body for a URL whose percent-encoding does not decode, naming the part that does not. */
    private static Map<String, Object> malformedUrlBody(MalformedUrl e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("code", "VALIDATION_ERROR");
        body.put("message", "Malformed URL");
        body.put("version", "2.0");
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("details", Map.of("invalidParams", Map.of(e.name, "Bad percent-encoding (not %XX forming UTF-8)")));
        return body;
    }

    private Answer fireSchedule(HttpWire.Request request, String functionId) {
        if (!request.method().equalsIgnoreCase("POST")) {
            return Answer.json(405, Map.of("message", "Use POST"));
        }
        try {
            Object result = scheduleFirer.apply(functionId);
            byte[] out = dev.leadbase.local.LambdaJson.output(result).getBytes(StandardCharsets.UTF_8);
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", "application/json"});
            return new Answer(200, headers, out);
        } catch (IllegalArgumentException e) {
            return Answer.json(404, Map.of("message", e.getMessage()));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Scheduled function " + functionId + " failed", e);
            return Answer.json(500, Map.of("message", "Internal Server Error"));
        }
    }

    /** A part of the URL whose percent-encoding does not decode: {@code name} is its parameter. */
    static final class MalformedUrl extends RuntimeException {
        final String name;

        MalformedUrl(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }

    static APIGatewayV2HTTPEvent toEvent(HttpWire.Request request, Socket connection, RouteTable.Match match) {
        Instant now = Instant.now();
        String rawPath = request.rawPath();
        String rawQuery = request.rawQuery();
        String remote = connection.getInetAddress().getHostAddress();

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((key, values) -> {
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
        headers.putIfAbsent("x-forwarded-for", remote);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", String.valueOf(connection.getLocalPort()));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery);
        event.setHeaders(headers);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setQueryStringParameters(queryParameters(rawQuery));
        Map<String, String> pathParameters = new LinkedHashMap<>();
        match.pathParameters().forEach((k, v) -> pathParameters.put(k, decode(v, k)));
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);

        byte[] body = request.body();
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
        http.setMethod(request.method().toUpperCase(Locale.ROOT));
        http.setPath(rawPath);
        http.setProtocol(request.protocol());
        http.setSourceIp(remote);
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
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), key);
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript");
    }

    /** Percent-decodes {@code value} as UTF-8 ('+' stays a plus, as API Gateway keeps it); else MalformedUrl. */
    private static String decode(String value, String name) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new MalformedUrl(name);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedUrl(name);
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

    private static Answer toAnswer(APIGatewayV2HTTPResponse response) {
        List<String[]> headers = new ArrayList<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> {
                if (v != null) {
                    headers.add(new String[] {k, v});
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, vs) -> {
                if (vs != null) {
                    vs.forEach(v -> headers.add(new String[] {k, v}));
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> headers.add(new String[] {"Set-Cookie", c}));
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        return new Answer(status, headers, body);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        executor.shutdownNow();
    }
}
