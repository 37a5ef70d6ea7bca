package dev.leadbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.leadbase.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on the JDK's HttpServer at 127.0.0.1, as a customer would run one: it checks the
 * {@code Leadbase-Signature} header (HMAC-SHA256 of {@code t + "." + body} with a secret it was given), answers 200
 * and notes when each delivery arrived: a count per path, and the first arrival of each (event type, lead id).
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    private final Map<String, Long> firstOf = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> types = new ConcurrentHashMap<>();
    private final AtomicInteger badSignatures = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A secret the signatures may be made with (each subscription's, and the bare loop's). */
    void accept(String secret) {
        secrets.add(secret);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!signed(exchange.getRequestHeaders().getFirst("Leadbase-Signature"), body)) {
            badSignatures.incrementAndGet();
        }
        String path = exchange.getRequestURI().getPath();
        try {
            JsonNode event = Json.read(body);
            String type = event.path("type").asText();
            types.computeIfAbsent(path + " " + type, t -> new AtomicInteger()).incrementAndGet();
            String leadId = event.path("data").path("lead").path("id").asText(event.path("data").path("leadId").asText());
            firstOf.putIfAbsent(type + " " + leadId, now);
        } catch (IOException e) {
            types.computeIfAbsent(path + " (not JSON)", t -> new AtomicInteger()).incrementAndGet();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        synchronized (this) {
            lastArrival.put(path, now);
            counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            notifyAll();
        }
    }

    private boolean signed(String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            }
        }
        for (String part : header.split(",")) {
            if (t != null && part.startsWith("v1=")) {
                for (String secret : secrets) {
                    if (hmac(secret, t + "." + body).equals(part.substring(3))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int count(String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    /** Waits until {@code path} has had {@code n} deliveries; answers the nanoTime of the last one. */
    synchronized long awaitCount(String path, int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count(path) < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("webhooks: " + path + " received " + count(path) + " of " + n
                        + " deliveries in " + limit);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return lastArrival.get(path);
    }

    /** Waits for the first delivery of {@code type} about {@code leadId}; answers its nanoTime. */
    long awaitFirst(String type, String leadId, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String key = type + " " + leadId;
        synchronized (this) {
            while (!firstOf.containsKey(key)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("webhooks: no " + type + " delivery of lead " + leadId + " in " + limit);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return firstOf.get(key);
    }

    int badSignatures() {
        return badSignatures.get();
    }

    /** Deliveries by path and event type, e.g. {@code /metered lead.created=10}. */
    String typesText() {
        StringBuilder out = new StringBuilder();
        types.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().get()));
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
