package dev.leadbase.local.http;

import dev.leadbase.local.LocalFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP API routes, matched like API Gateway: most specific path first, then exact method over ANY, then $default. */
public final class RouteTable {
    /** A template HttpApi event bound to its function. */
    public record Route(String method, String path, String apiId, LocalFunction function) {
        public String routeKey() {
            return isDefault() ? "$default" : method + " " + path;
        }

        boolean isDefault() {
            return path.equals("$default");
        }

        String[] segments() {
            return split(path);
        }
    }

    public record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes = new ArrayList<>();

    public void add(Route route) {
        routes.add(route);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Optional<Match> match(String method, String path) {
        String[] request = split(path);
        Match best = null;
        int[] bestRank = null;
        for (Route route : routes) {
            if (route.isDefault() || !(route.method().equals("ANY") || route.method().equals(method))) {
                continue;
            }
            Map<String, String> params = matchPath(route.segments(), request);
            if (params == null) {
                continue;
            }
            int[] rank = rank(route);
            if (bestRank == null || compare(rank, bestRank) > 0) {
                best = new Match(route, params);
                bestRank = rank;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return routes.stream().filter(Route::isDefault).findFirst().map(r -> new Match(r, Map.of()));
    }

    private static Map<String, String> matchPath(String[] route, String[] request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < route.length; i++) {
            String segment = route[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= request.length) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 2),
                        String.join("/", Arrays.copyOfRange(request, i, request.length)));
                return params;
            }
            if (i >= request.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (request[i].isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), request[i]);
            } else if (!segment.equals(request[i])) {
                return null;
            }
        }
        return route.length == request.length ? params : null;
    }

    /** Per segment: static 3, {param} 2, {greedy+} 1; then 1 more for an exact method over ANY. */
    private static int[] rank(Route route) {
        String[] segments = route.segments();
        int[] rank = new int[segments.length + 2];
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            rank[i] = s.endsWith("+}") ? 1 : s.startsWith("{") ? 2 : 3;
        }
        rank[segments.length] = 0;
        rank[segments.length + 1] = route.method().equals("ANY") ? 0 : 1;
        return rank;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
