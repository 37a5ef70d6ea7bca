package dev.leadbase.shared.http;

import dev.leadbase.access.domain.Permission;
import java.util.function.Supplier;

/**
 * One entry of a function jar's route table: the route key API Gateway sends ({@code "POST /api/v2/leads"}), who may
 * call it, whether it reads query parameters, whether it honours {@code Idempotency-Key}, and how to build its
 * endpoint (on the route's first request, so a function builds only what its route needs).
 */
public record Route(String key, Access access, Permission permission, String action, boolean takesQuery,
                    boolean idempotent, Supplier<HttpApi.Endpoint> endpoint) {

    /** Who may call a route. */
    public enum Access {
        /** A tenant key holding the route's permission. */
        KEY,
        /** The platform admin's bootstrap key. */
        PLATFORM_ADMIN,
        /** Anyone: no key is read. */
        PUBLIC
    }

    /** A route for tenant keys holding {@code permission}; {@code action} names what a refusal was about. */
    public static Route forKey(String key, Permission permission, String action, Supplier<HttpApi.Endpoint> endpoint) {
        return new Route(key, Access.KEY, permission, action, false, false, endpoint);
    }

    /** A route of the platform admin API, authorised by the bootstrap key. */
    public static Route forPlatformAdmin(String key, Supplier<HttpApi.Endpoint> endpoint) {
        return new Route(key, Access.PLATFORM_ADMIN, null, null, false, false, endpoint);
    }

    /** A route without authentication, answering whatever the query. */
    public static Route forAnyone(String key, Supplier<HttpApi.Endpoint> endpoint) {
        return new Route(key, Access.PUBLIC, null, null, true, false, endpoint);
    }

    /**
     * This route with its query parameters read by the endpoint through {@link QueryParams}, which refuses those it
     * does not read; without it, any query parameter is a 400 naming it.
     */
    public Route withQuery() {
        return new Route(key, access, permission, action, true, idempotent, endpoint);
    }

    /** This route with {@code Idempotency-Key} honoured: the first answer of a key is stored and replayed. */
    public Route withIdempotencyKey() {
        return new Route(key, access, permission, action, takesQuery, true, endpoint);
    }
}
