package dev.leadbase.enrichment.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.enrichment.domain.EnrichmentProvider;
import dev.leadbase.enrichment.domain.ProviderUnavailable;
import dev.leadbase.shared.json.Json;
import dev.leadbase.shared.logging.JsonLog;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A vendor reached over HTTPS with java.net.http. A 404 is "no match"; a timeout, 429 or 5xx
 * throws {@link ProviderUnavailable} so that the queue retries the lead later (no sleeping here);
 * a rejected key (401/403) or a bad request is logged and treated as "no data".
 */
abstract class HttpProvider implements EnrichmentProvider {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String name;
    private final String baseUrl;
    private final Duration timeout;
    private final Map<String, String> headers;

    /** {@code headers} go with every request: the vendor's API key, under the header it reads it from. */
    HttpProvider(String name, String baseUrl, Duration timeout, Map<String, String> headers) {
        this.name = name;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.headers = headers;
    }

    @Override
    public final String name() {
        return name;
    }

    /** GETs {@code path} with the query; the body as JSON on 200, empty on 404. */
    Optional<JsonNode> get(String path, Map<String, String> query) {
        String qs = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + (qs.isEmpty() ? "" : "?" + qs)))
                .timeout(timeout).header("accept", "application/json").GET();
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderUnavailable(name() + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ProviderUnavailable(name() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable(name() + " interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 429 || status >= 500) {
            throw new ProviderUnavailable(name() + " answered " + status
                    + response.headers().firstValue("retry-after").map(s -> " (retry after " + s + " s)").orElse(""));
        }
        if (status != 200) {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("provider", name());
            log.put("status", status);
            JsonLog.warn("provider rejected the request; treated as no data", log);
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(response.body()));
        } catch (IOException e) {
            throw new ProviderUnavailable(name() + " sent a body that is not JSON", e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof Map<?, ?> mm && mm.isEmpty())) {
            m.put(k, v);
        }
    }

    static String url(String prefix, String handleOrUrl) {
        if (handleOrUrl == null) {
            return null;
        }
        if (handleOrUrl.startsWith("http")) {
            return handleOrUrl;
        }
        return handleOrUrl.contains(".") && handleOrUrl.contains("/") ? "https://" + handleOrUrl : prefix + handleOrUrl;
    }

    static String capitalise(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (String word : s.split(" ")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }
}
