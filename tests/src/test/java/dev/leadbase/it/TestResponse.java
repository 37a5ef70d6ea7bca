package dev.leadbase.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** A response as a client sees it. */
public record TestResponse(int status, HttpHeaders headers, JsonNode body, String rawBody) {
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
