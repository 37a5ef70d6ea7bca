package dev.leadbase.access.edge;

import dev.leadbase.access.domain.NewApiKey;
import dev.leadbase.shared.http.ApiRequest;
import dev.leadbase.shared.http.BodyReader;
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
