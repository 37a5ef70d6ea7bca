package dev.leadbase.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.config.Env;
import dev.leadbase.shared.errors.MethodNotAllowed;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.shared.http.RouteTable;
import dev.leadbase.composition.Wiring;

/** The {@code $default} route: an unknown path is 404, a known path with another method is 405. */
public final class RouteNotFoundHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final RouteTable routes;

    public RouteNotFoundHandler() {
        this(Wiring.httpApi(), RouteTable.parse(Env.get("LEADBASE_ROUTES", "")));
    }

    public RouteNotFoundHandler(HttpApi api, RouteTable routes) {
        this.api = api;
        this.routes = routes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handlePublic(event, context, request -> {
            var allowed = routes.methodsFor(request.path());
            if (!allowed.isEmpty() && !allowed.contains(request.method())) {
                throw new MethodNotAllowed("Method " + request.method() + " is not allowed on " + request.path(),
                        java.util.Map.of("allowedMethods", allowed));
            }
            throw new NotFound("No route for " + request.method() + " " + request.path());
        });
    }
}
