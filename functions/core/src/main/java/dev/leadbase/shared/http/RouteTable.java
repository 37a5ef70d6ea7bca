package dev.leadbase.shared.http;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The API's routes as "METHOD /path/{param}" strings, to tell 405 from 404. */
public final class RouteTable {
    private record Route(String method, String[] segments) {
    }

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    public static RouteTable parse(String spec) {
        List<Route> routes = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split("\\s+");
            if (parts.length == 2) {
                routes.add(new Route(parts[0].toUpperCase(), split(parts[1])));
            }
        }
        return new RouteTable(routes);
    }

    public List<String> methodsFor(String path) {
        String[] actual = split(path == null ? "" : path);
        TreeSet<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (matches(route.segments(), actual)) {
                methods.add(route.method());
            }
        }
        return List.copyOf(methods);
    }

    private static boolean matches(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            boolean param = pattern[i].startsWith("{") && pattern[i].endsWith("}");
            if (!param && !pattern[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
