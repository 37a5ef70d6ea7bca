package dev.leadbase.it.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.access.app.TenantLeadShards;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.it.Fixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Helpers to read whole lists back and to compute what a list should hold, independently of the server. */
final class LeadData {
    private LeadData() {
    }

    static DynamoLeadRepository repository() {
        var rt = Fixture.runtime();
        return new DynamoLeadRepository(rt.dynamo(), rt.tableName("LeadItemsTable"), rt.tableName("LeadIndexTable"),
                new TenantLeadShards(new DynamoTenantRepository(rt.dynamo(), rt.tableName("TenantsTable")), Clock.systemUTC()));
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Every lead of a list, following cursors; asserts no lead is repeated and totals agree. */
    static List<JsonNode> walkByCursor(ApiClient api, String query, int limit) {
        List<JsonNode> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        long total = -1;
        int pages = 0;
        do {
            String path = "/api/v2/leads?limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + q(cursor));
            ApiResponse r = api.get(path);
            assertEquals(200, r.status(), path + " -> " + r);
            JsonNode pagination = r.data().path("pagination");
            total = pagination.path("total").asLong();
            assertEquals(++pages, pagination.path("page").asInt(), "cursor pages count up");
            for (JsonNode lead : r.data().path("leads")) {
                assertTrue(seen.add(lead.path("id").asText()), "repeated " + lead.path("id") + " in " + query);
                all.add(lead);
            }
            cursor = pagination.path("nextCursor").isNull() ? null : pagination.path("nextCursor").asText();
            assertEquals(cursor != null, pagination.path("hasNextPage").asBoolean());
        } while (cursor != null);
        assertEquals(total, all.size(), "total matches what walking returns for " + query);
        return all;
    }

    /** Every lead of a list, following page numbers from 1 while {@code hasNextPage} is true. */
    static List<JsonNode> walkByPage(ApiClient api, String query, int limit) {
        List<JsonNode> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean more = true;
        for (int page = 1; more; page++) {
            ApiResponse r = api.get("/api/v2/leads?page=" + page + "&limit=" + limit + (query.isEmpty() ? "" : "&" + query));
            assertEquals(200, r.status(), r.toString());
            assertEquals(page > 1, r.data().path("pagination").path("hasPrevPage").asBoolean());
            for (JsonNode lead : r.data().path("leads")) {
                assertTrue(seen.add(lead.path("id").asText()), "repeated " + lead.path("id"));
                all.add(lead);
            }
            more = r.data().path("pagination").path("hasNextPage").asBoolean();
        }
        return all;
    }

    static List<String> ids(List<JsonNode> leads) {
        return leads.stream().map(l -> l.path("id").asText()).toList();
    }

    static String fold(String s) {
        if (s == null) {
            return null;
        }
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).trim();
    }

    static Instant time(JsonNode lead, String field) {
        JsonNode v = lead.path(field);
        return v.isNull() || v.isMissingNode() ? null : Instant.parse(v.asText());
    }

    static String text(JsonNode lead, String field) {
        JsonNode v = lead.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
