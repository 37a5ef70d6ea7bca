package dev.leadbase.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** A response as a client sees it: status, headers, the body as JSON and as text. */
public record ApiResponse(int status, HttpHeaders headers, JsonNode body, String rawBody) {
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public JsonNode data() {
        return body.path("data");
    }

    @Override
    public String toString() {
        return status + " " + rawBody;
    }
}
