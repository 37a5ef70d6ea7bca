package dev.leadbase.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The list requests the latency and read-amplification families measure, by case name, as query parameters. */
final class ListCases {
    private static final String CREATED_AFTER = "CREATED_AFTER";
    private static final Map<String, Map<String, String>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("no filter", Map.of("limit", "50"));
        CASES.put("status", Map.of("limit", "50", "status", "qualified"));
        CASES.put("createdAfter", Map.of("limit", "50", "createdAfter", CREATED_AFTER));
        CASES.put("search", Map.of("limit", "50", "search", "samantha"));
        CASES.put("sortBy score", Map.of("limit", "50", "sortBy", "score"));
    }

    private ListCases() {
    }

    static Set<String> names() {
        return CASES.keySet();
    }

    /** Every case's parameters, {@code createdAfter} set to the instant halfway through the seeding. */
    static Map<String, Map<String, String>> resolved(String createdAfter) {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        CASES.forEach((name, params) -> {
            Map<String, String> resolved = new LinkedHashMap<>(params);
            resolved.replaceAll((k, v) -> v.equals(CREATED_AFTER) ? createdAfter : v);
            cases.put(name, resolved);
        });
        return cases;
    }
}
