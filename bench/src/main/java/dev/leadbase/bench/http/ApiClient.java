package dev.leadbase.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.leadbase.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A JSON-over-HTTP client of the Leadbase API holding one API key; the benchmarks and the tests both use it. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String apiKey;

    public ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    public ApiClient withKey(String otherKey) {
        return new ApiClient(baseUrl, otherKey);
    }

    public ApiResponse get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public ApiResponse post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public ApiResponse put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public ApiResponse patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public ApiResponse delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends and requires {@code expected} (any 2xx when -1); returns the JSON body. */
    public JsonNode require(String method, String path, Object body, int expected) {
        ApiResponse response = send(method, path, body);
        boolean ok = expected < 0 ? response.status() / 100 == 2 : response.status() == expected;
        if (!ok) {
            throw new IllegalStateException(method + " " + path + " answered " + response);
        }
        return response.body();
    }

    /** Sends {@code body} as is when it is a String, else as JSON. Headers come in name/value pairs. */
    public ApiResponse send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        if (text != null) {
            request.header("content-type", "application/json");
        }
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; a missing node when it is empty or not JSON (the raw text stays on the response). */
    private static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.read(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
