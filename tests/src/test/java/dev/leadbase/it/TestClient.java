package dev.leadbase.it;

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

/** A real HTTP client against the local runtime, sending one API key. */
public final class TestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public TestClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public TestClient withKey(String otherKey) {
        return new TestClient(baseUrl, otherKey);
    }

    public TestResponse get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public TestResponse post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public TestResponse put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public TestResponse patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public TestResponse delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends {@code body} as is when it is a String, else as JSON. Headers come in name/value pairs. */
    public TestResponse send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
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
            JsonNode json;
            try {
                json = response.body() == null || response.body().isEmpty() ? MissingNode.getInstance() : Json.read(response.body());
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            return new TestResponse(response.statusCode(), response.headers(), json, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
