package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static dev.leadbase.it.leads.LeadData.ids;
import static dev.leadbase.it.leads.LeadData.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.it.Fixture;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v2/leads?phone=present|absent: leads with or without a phone number. */
class PhoneFilterTest {
    private static ApiClient api;
    private static final List<String> withPhone = new ArrayList<>();
    private static final List<String> withoutPhone = new ArrayList<>();

    @BeforeAll
    static void leadsWithAndWithoutPhone() {
        api = Fixture.newTenant(0).client();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> lead = obj("email", "phone" + i + "@example.com");
            if (i % 2 == 0) {
                lead.put("phone", "+44 20 7946 000" + i);
            }
            ApiResponse r = api.post("/api/v2/leads", lead);
            assertEquals(201, r.status(), r.toString());
            (i % 2 == 0 ? withPhone : withoutPhone).add(r.data().path("id").asText());
        }
        // a phone cleared by PATCH is absent again
        String cleared = withPhone.removeLast();
        assertEquals(200, api.patch("/api/v2/leads/" + cleared, obj("phone", null)).status());
        withoutPhone.add(cleared);
        Fixture.awaitIndexes();
    }

    @Test
    void presentListsExactlyTheLeadsWithAPhoneAndAbsentTheOthersWithExactTotals() {
        assertEquals(sorted(withPhone), sorted(ids(LeadData.walkByCursor(api, "phone=present", 2))));
        assertEquals(sorted(withoutPhone), sorted(ids(LeadData.walkByCursor(api, "phone=absent", 2))));
        assertEquals(withPhone.size(), total("phone=present"));
        assertEquals(withoutPhone.size(), total("phone=absent"));
        assertEquals(withPhone.size(), total("phone=present&sortBy=lastName"));
    }

    @Test
    void aCursorIssuedForPresentIsRefusedForAbsent() {
        String cursor = api.get("/api/v2/leads?phone=present&limit=1").data().path("pagination").path("nextCursor").asText();
        assertEquals(200, api.get("/api/v2/leads?phone=present&limit=1&cursor=" + q(cursor)).status());
        ApiResponse r = api.get("/api/v2/leads?phone=absent&limit=1&cursor=" + q(cursor));
        assertEquals(400, r.status());
        assertTrue(r.body().path("details").path("invalidParams").has("cursor"), r.toString());
    }

    @Test
    void aBadValueIsA400NamingPhone() {
        ApiResponse r = api.get("/api/v2/leads?phone=yes");
        assertEquals(400, r.status());
        assertEquals("Must be one of: present, absent", r.body().path("details").path("invalidParams").path("phone").asText());
    }

    private static long total(String query) {
        JsonNode data = api.get("/api/v2/leads?limit=1&" + query).data();
        return data.path("pagination").path("total").asLong();
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}
