package dev.leadbase.admin;

import dev.leadbase.core.auth.NewApiKey;
import dev.leadbase.core.http.ApiRequest;
import dev.leadbase.core.http.BodyReader;
import java.util.List;

/** Reads the body of a key-issuing request. */
final class KeyRequests {
    private KeyRequests() {
    }

    static NewApiKey parse(ApiRequest request) {
        BodyReader body = request.jsonBody();
        String userId = body.string("userId").orElse(null);
        List<String> permissions = body.strings("permissions").orElse(null);
        String visibility = body.string("visibility").orElse(null);
        body.done();
        return NewApiKey.fromWire(userId, permissions, visibility);
    }
}
