package dev.leadbase.it.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on the JDK's HttpServer, on 127.0.0.1: each endpoint answers as its {@link Behaviour} says (fail N
 * times, answer slowly, redirect, a large body) and records every request it got, headers and raw body.
 */
final class Receiver implements AutoCloseable {
    /** One request as received. */
    record Request(String path, Map<String, String> headers, String body, Instant at, int answered) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String eventId() {
            return header("Leadbase-Event-Id");
        }
    }

    /** What to answer: a status, a body, after a pause, with extra headers. */
    record Answer(int status, byte[] body, long delayMs, Map<String, String> headers) {
        static Answer status(int status) {
            return new Answer(status, "ok".getBytes(StandardCharsets.UTF_8), 0, Map.of());
        }
    }

    /** The answer to a request, given how many requests of the same event this endpoint had before (0 for the first). */
    @FunctionalInterface
    interface Behaviour {
        Answer answer(Request request, int earlierOfThisEvent);
    }

    private final HttpServer server;
    // daemon threads: a handler still writing to a sender that stopped reading never holds the test JVM open
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon().unstarted(r));
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> perEvent = new ConcurrentHashMap<>();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    /** A new endpoint answering as {@code behaviour}; its URL. */
    String endpoint(String name, Behaviour behaviour) {
        String path = "/" + name;
        server.createContext(path, exchange -> handle(exchange, path, behaviour));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, String path, Behaviour behaviour) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Request partial = new Request(path, headers, body, Instant.now(), 0);
            int earlier = perEvent.merge(path + "|" + partial.eventId(), 1, Integer::sum) - 1;
            Answer answer = behaviour.answer(partial, earlier);
            requests.add(new Request(path, headers, body, partial.at(), answer.status()));
            if (answer.delayMs() > 0) {
                try {
                    Thread.sleep(answer.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                } catch (IOException clientWentAway) {
                    // the sender reads only the first KB and drops the connection
                }
            }
        }
    }

    /** The requests an endpoint got, in arrival order. */
    List<Request> requests(String url) {
        String path = url.substring(url.indexOf('/', "http://".length()));
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
