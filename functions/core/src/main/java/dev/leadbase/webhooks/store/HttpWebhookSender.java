package dev.leadbase.webhooks.store;

import dev.leadbase.webhooks.domain.Delivery;
import dev.leadbase.webhooks.domain.DeliveryAddressCheck;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.WebhookSender;
import dev.leadbase.webhooks.edge.DeliveryMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The webhook POST, over the JDK's HttpClient: 5 s to connect, 5 s for the answer, redirects never followed, at most
 * {@link DeliveryAttempt#MAX_RESPONSE_BYTES} of the answer read (then the connection is dropped).
 *
 * <p>Server-side request forgery: the host is resolved here and every address it resolves to must pass the
 * {@link DeliveryAddressCheck} before anything connects. To keep a DNS answer from changing between that check and
 * the connection (DNS rebinding), an {@code http} URL (only the local runtime accepts one) is connected to the checked
 * address itself; an {@code https} URL is connected by name, so that TLS checks the certificate against it, and the
 * client's lookup is answered from the JVM's address cache, which this class sets to keep answers for 30 s (the JDK's
 * default without a security manager, made explicit), so it returns the addresses just checked. On AWS only https is
 * sent.
 */
public final class HttpWebhookSender implements WebhookSender {
    public static final String USER_AGENT = "Leadbase-Webhooks/1.0 (+https://github.com/leadbase/leadbase#webhooks)";
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    static {
        if (Security.getProperty("networkaddress.cache.ttl") == null
                || "-1".equals(Security.getProperty("networkaddress.cache.ttl"))) {
            Security.setProperty("networkaddress.cache.ttl", "30");
        }
    }

    private final HttpClient client;
    private final DeliveryAddressCheck addresses;
    private final boolean httpAllowed;
    private final Resolver resolver;

    /** Resolves a host name to all its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** {@code httpAllowed}: whether plain http URLs are sent (the local runtime only). */
    public HttpWebhookSender(DeliveryAddressCheck addresses, boolean httpAllowed) {
        this(addresses, httpAllowed, InetAddress::getAllByName);
    }

    public HttpWebhookSender(DeliveryAddressCheck addresses, boolean httpAllowed, Resolver resolver) {
        this.addresses = addresses;
        this.httpAllowed = httpAllowed;
        this.resolver = resolver;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public SendResult send(String url, Delivery delivery, List<String> secrets, Instant at) {
        long start = System.nanoTime();
        URI target;
        try {
            target = target(URI.create(url));
        } catch (RefusedTarget | IllegalArgumentException e) {
            return new SendResult(null, null, e.getMessage(), elapsed(start));
        }
        String body = DeliveryMessages.payload(delivery.event());
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(READ_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.HEADER, WebhookSignature.header(at.getEpochSecond(), body, secrets))
                .header("Leadbase-Event-Id", delivery.event().id())
                .header("Leadbase-Delivery-Id", delivery.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request,
                info -> new CappedBody(DeliveryAttempt.MAX_RESPONSE_BYTES));
        try {
            // the request timeout ends at the answer's headers; this bounds a body that trickles in as well
            HttpResponse<byte[]> response = call.get(CONNECT_TIMEOUT.plus(READ_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            String text = text(response.body());
            String error = status >= 200 && status < 300 ? null
                    : status >= 300 && status < 400 ? "Answered " + status + " (redirects are not followed)"
                    : "Answered " + status;
            return new SendResult(status, text, error, elapsed(start));
        } catch (TimeoutException e) {
            call.cancel(true);
            return new SendResult(null, null, "Timed out after " + READ_TIMEOUT.toSeconds() + " s", elapsed(start));
        } catch (ExecutionException e) {
            return new SendResult(null, null, describe(e.getCause()), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new SendResult(null, null, "Interrupted", elapsed(start));
        }
    }

    /** The URI to connect to: the URL checked, and for http its host replaced by the checked address. */
    private URI target(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && httpAllowed)) {
            throw new RefusedTarget("Only https URLs are delivered to");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty() || url.getRawUserInfo() != null) {
            throw new RefusedTarget("The URL has no host, or carries credentials");
        }
        InetAddress[] all;
        try {
            all = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("Could not resolve " + host);
        }
        if (all.length == 0) {
            throw new RefusedTarget("Could not resolve " + host);
        }
        for (InetAddress address : all) {
            Optional<String> refusal = addresses.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedTarget(refusal.get());
            }
        }
        if (scheme.equals("https")) {
            return url;
        }
        String literal = all[0].getHostAddress();
        if (literal.contains(":")) {
            literal = "[" + literal.replaceAll("%.*", "") + "]";
        }
        try {
            return new URI(scheme, null, literal, url.getPort(), url.getRawPath() == null || url.getRawPath().isEmpty()
                    ? "/" : url.getPath(), url.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("Not a valid URL");
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "Timed out connecting after " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof HttpTimeoutException) {
            return "Timed out after " + READ_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "Connection refused";
        }
        if (cause instanceof IOException) {
            return "Connection failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        }
        return "Failed: " + cause;
    }

    /** The bytes as text: UTF-8, a character cut at the cap dropped, anything malformed replaced. */
    private static String text(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString()
                    .replaceAll("\uFFFD+$", "");
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** A URL refused before connecting. */
    private static final class RefusedTarget extends RuntimeException {
        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    /** Keeps the first {@code cap} bytes of a body, then cancels the rest (the connection is not reused). */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int take = Math.min(b.remaining(), cap - kept.size());
                byte[] chunk = new byte[take];
                b.get(chunk);
                kept.write(chunk, 0, take);
            }
            if (kept.size() >= cap) {
                subscription.cancel();
                result.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
