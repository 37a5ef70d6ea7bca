package dev.leadbase.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.errors.NotFound;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda entry of a function jar's HTTP routes: every function of the jar points its handler here, and each
 * request runs the entry of its route key through {@link HttpApi}. An endpoint is built on its route's first
 * request and kept for the container's life; under SnapStart, every endpoint the function's configuration allows is
 * built before the snapshot instead, so that secrets read at build time (the cursor key) are in it.
 */
public abstract class HttpRoutes implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Route UNKNOWN = Route.forAnyone("", () -> request -> {
        throw new NotFound("No route for " + request.method() + " " + request.path());
    });

    private final HttpApi api;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    // held so that the registration lives as long as the handler (org.crac holds it weakly)
    private final SnapStartPriming priming;

    protected HttpRoutes(HttpApi api, List<Route> routes) {
        this.api = api;
        for (Route route : routes) {
            if (entries.put(route.key(), new Entry(route)) != null) {
                throw new IllegalArgumentException("Route " + route.key() + " is listed twice");
            }
        }
        this.priming = SnapStartPriming.register(this::buildEndpoints);
    }

    /**
     * Builds the endpoint of every route this function is configured for. A function serves one route of the table
     * and is given only that route's tables, queues and secrets: the others fail to build, and are left unbuilt.
     */
    private void buildEndpoints() {
        for (Entry entry : entries.values()) {
            try {
                entry.endpoint();
            } catch (RuntimeException notConfiguredHere) {
                // built on its first request, should this function ever receive one
            }
        }
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Entry entry = entries.get(event.getRouteKey());
        if (entry == null) {
            // a route the template gives this jar but its table lacks: answered as an unknown route, never a 5xx
            entry = new Entry(UNKNOWN);
        }
        return api.handle(event, context, entry.route, entry);
    }

    /** The routes of this jar, in table order. */
    public final List<Route> routes() {
        return entries.values().stream().map(e -> e.route).toList();
    }

    private static final class Entry implements HttpApi.Endpoint {
        private final Route route;
        private volatile HttpApi.Endpoint endpoint;

        Entry(Route route) {
            this.route = route;
        }

        @Override
        public ApiResult handle(ApiRequest request) {
            return endpoint().handle(request);
        }

        HttpApi.Endpoint endpoint() {
            HttpApi.Endpoint built = endpoint;
            if (built == null) {
                synchronized (this) {
                    if (endpoint == null) {
                        endpoint = route.endpoint().get();
                    }
                    built = endpoint;
                }
            }
            return built;
        }
    }
}
