package dev.leadbase.it.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant's lead shards are set at creation, 1 to 128; anything else is a 400 naming {@code leadShards}. */
class TenantLeadShardsTest {
    @Test
    void leadShardsOutsideOneToSixtyFourOrNotAnIntegerIsAValidationError() {
        Map<Object, String> rules = new LinkedHashMap<>();
        rules.put(0, "Must be an integer between 1 and 128");
        rules.put(129, "Must be an integer between 1 and 128");
        rules.put(-1, "Must be an integer between 1 and 128");
        rules.put("x", "Must be an integer");
        rules.put(2.5, "Must be an integer");
        rules.put(true, "Must be an integer");
        rules.forEach((bad, rule) -> {
            ApiResponse r = Fixture.admin().post("/api/v2/admin/tenants", Map.of("name", "bad shards", "leadShards", bad));
            assertEquals(400, r.status(), bad + " -> " + r);
            assertEquals("VALIDATION_ERROR", r.body().path("code").asText(), r.toString());
            assertEquals(rule, r.body().path("details").path("invalidFields").path("leadShards").asText(), bad + " -> " + r);
        });
    }

    @Test
    void leadShardsWithinRangeAreKept() {
        for (int k : List.of(1, 128)) {
            ApiResponse r = Fixture.admin().post("/api/v2/admin/tenants", Map.of("name", "shards " + k, "leadShards", k));
            assertEquals(201, r.status(), r.toString());
            assertEquals(k, r.data().path("leadShards").asInt());
        }
    }
}
