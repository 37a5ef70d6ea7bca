package dev.leadbase.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable routes = RouteTable.parse("GET /api/v2/leads, POST /api/v2/leads,\n DELETE /api/v2/leads/{id}");

    @Test
    void knownPathListsItsMethods() {
        assertEquals(List.of("GET", "POST"), routes.methodsFor("/api/v2/leads"));
        assertEquals(List.of("DELETE"), routes.methodsFor("/api/v2/leads/lead_1"));
    }

    @Test
    void unknownPathHasNoMethods() {
        assertEquals(List.of(), routes.methodsFor("/api/v2/nothing"));
        assertEquals(List.of(), routes.methodsFor("/api/v2/leads/a/b"));
    }
}
