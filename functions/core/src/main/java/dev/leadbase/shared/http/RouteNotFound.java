package dev.leadbase.shared.http;

import dev.leadbase.shared.errors.MethodNotAllowed;
import dev.leadbase.shared.errors.NotFound;
import java.util.Map;

/** The {@code $default} route's work: an unknown path is 404, a known path with another method is 405. */
public final class RouteNotFound {
    private RouteNotFound() {
    }

    /** The endpoint answering for every request no route of {@code routes} matched. */
    public static HttpApi.Endpoint endpoint(RouteTable routes) {
        return request -> {
            var allowed = routes.methodsFor(request.path());
            if (!allowed.isEmpty() && !allowed.contains(request.method())) {
                throw new MethodNotAllowed("Method " + request.method() + " is not allowed on " + request.path(),
                        Map.of("allowedMethods", allowed));
            }
            throw new NotFound("No route for " + request.method() + " " + request.path());
        };
    }
}
