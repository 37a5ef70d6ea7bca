package dev.leadbase.leads.edge;

import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.http.ApiRequest;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code If-Match} header: the lead version the caller holds, as its ETag ("3", W/"3" or 3). */
final class IfMatch {
    private IfMatch() {
    }

    static Optional<Long> version(ApiRequest request) {
        Optional<String> raw = request.header("if-match").map(String::trim).filter(s -> !s.isEmpty() && !s.equals("*"));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String v = raw.get();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new ValidationFailed("Invalid If-Match header", Map.of("invalidHeaders",
                    Map.of("If-Match", "Must be the lead's ETag, e.g. \"3\"")));
        }
    }
}
