package dev.leadbase.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            event = GatewayEvents.toEvent(request, connection, match.get());
        } catch (GatewayEvents.MalformedUrl e) {
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
    private static Map<String, Object> malformedUrlBody(GatewayEvents.MalformedUrl e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("code", "VALIDATION_ERROR");
        body.put("message", "Malformed URL");
        body.put("version", "2.0");
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("details", Map.of("invalidParams", Map.of(e.name(), "Bad percent-encoding (not %XX forming UTF-8)")));
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
