package dev.leadbase.it.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbase.bench.http.ApiResponse;

/** Answers made comparable: an answer about one id against the answer about another. */
final class Bodies {
    private Bodies() {
    }

    /** The status and body, with the time and the request's own {@code id} blanked out. */
    static String normalised(ApiResponse response, String id) {
        JsonNode body = response.body() == null ? null : response.body().deepCopy();
        if (body instanceof ObjectNode o) {
            o.remove("timestamp");
            o.remove("requestId");
        }
        String text = body == null ? response.rawBody() : body.toString();
        return response.status() + " " + text.replace(id, "<id>");
    }
}
