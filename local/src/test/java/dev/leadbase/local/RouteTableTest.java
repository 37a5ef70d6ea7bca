package dev.leadbase.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.local.http.RouteTable;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    @Test
    void defaultRouteCatchesWhatNothingElseMatches() {
        RouteTable routes = new RouteTable();
        routes.add(new RouteTable.Route("GET", "/leads/{id}", "api", null));
        routes.add(new RouteTable.Route("ANY", "$default", "api", null));

        assertEquals("GET /leads/{id}", routes.match("GET", "/leads/1").orElseThrow().route().routeKey());
        assertEquals("$default", routes.match("POST", "/leads/1").orElseThrow().route().routeKey());
        assertEquals("$default", routes.match("GET", "/other").orElseThrow().route().routeKey());
    }

    @Test
    void exactMethodBeatsAnyOnTheSamePath() {
        RouteTable routes = new RouteTable();
        routes.add(new RouteTable.Route("ANY", "/leads", "api", null));
        routes.add(new RouteTable.Route("POST", "/leads", "api", null));

        assertEquals("POST /leads", routes.match("POST", "/leads").orElseThrow().route().routeKey());
        assertEquals("ANY /leads", routes.match("GET", "/leads").orElseThrow().route().routeKey());
        assertTrue(routes.match("GET", "/leads/x").isEmpty());
    }
}
