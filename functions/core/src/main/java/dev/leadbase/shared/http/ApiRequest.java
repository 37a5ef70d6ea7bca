package dev.leadbase.shared.http;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.errors.NotFound;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as a use case sees it: no Lambda types. */
public record ApiRequest(String requestId, String method, String path, Map<String, String> pathParameters,
                         Map<String, String> query, Map<String, String> headers, String body, Principal principal) {

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw new NotFound("Not found");
        }
        return value;
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public QueryParams queryParams() {
        return new QueryParams(query);
    }

    public BodyReader jsonBody() {
        return BodyReader.parse(body);
    }

    /** What the caller may reach: every lead or key a route touches passes this policy. */
    public AccessPolicy access() {
        return AccessPolicy.of(principal);
    }

    public ApiRequest withPrincipal(Principal p) {
        return new ApiRequest(requestId, method, path, pathParameters, query, headers, body, p);
    }
}
