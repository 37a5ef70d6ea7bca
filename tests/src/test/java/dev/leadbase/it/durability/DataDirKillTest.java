package dev.leadbase.it.durability;

import static dev.leadbase.it.Fixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leadbase serve --data-dir} killed with SIGKILL while creates, enrichment submits and events are in flight,
 * then started again on the same folder: no acknowledged write and no queued message is lost, totals are exact,
 * every lead can be searched, and signed cursors and the demo key still work.
 */
class DataDirKillTest {
    private static final String ADMIN_KEY = "lb_admin_" + KeyHasher.newId("kill");
    private static final long GRANTED = 100_000;
    private static final int WRITERS = 6;
    private static final Duration LOAD = Duration.ofMillis(1000);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Set<String> TERMINAL = Set.of("completed", "partial", "failed");

    @TempDir
    Path dataDir;

    private final Set<String> attemptedEmails = ConcurrentHashMap.newKeySet();
    private final Map<String, String> ackedLeads = new ConcurrentHashMap<>();
    private final List<String> ackedLeadIds = new CopyOnWriteArrayList<>();
    private final Set<String> ackedJobs = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> ackedEvents = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Test
    void killNineUnderLoadLosesNoAcknowledgedWriteNorQueuedMessage() throws Exception {
        long t0 = System.nanoTime();
        LocalServer first = LocalServer.start(dataDir, ADMIN_KEY);
        phase("first start", t0);
        String apiKey;
        String cursor;
        try {
            apiKey = newTenant(first.baseUrl());
            ApiClient api = new ApiClient(first.baseUrl(), apiKey);
            for (int i = 0; i < 3; i++) {
                create(api);
            }
            cursor = api.get("/api/v2/leads?limit=1").data().path("pagination").path("nextCursor").asText();

            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> load(api, writer, stop)));
            }
            // the first requests start the functions; then the kill comes amid steady writes
            eventually(Duration.ofSeconds(60), "load under way", () -> ackedLeads.size() >= 40
                    && ackedJobs.size() >= 5 && ackedEvents.size() >= 5);
            phase("load under way", t0);
            Thread.sleep(LOAD.toMillis());
            first.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        } finally {
            first.stop();
        }
        assertTrue(ackedLeads.size() >= 40 && !ackedJobs.isEmpty() && !ackedEvents.isEmpty(),
                "the load wrote too little to mean anything: " + ackedLeads.size() + " leads, " + ackedJobs.size()
                        + " jobs, " + ackedEvents.size() + " leads with events; " + failures.size() + " requests failed, as "
                        + failures.stream().limit(3).toList());

        phase("killed", t0);
        LocalServer second = LocalServer.start(dataDir, ADMIN_KEY);
        phase("restarted", t0);
        try {
            ApiClient api = new ApiClient(second.baseUrl(), apiKey);
            assertEquals(first.demoKey(), second.demoKey(), "the demo key is kept in the data directory");
            assertEquals(200, new ApiClient(second.baseUrl(), second.demoKey()).get("/api/v2/leads?limit=1").status());
            assertEquals(200, api.get("/api/v2/leads?limit=1&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                    .status(), "a cursor signed before the restart is still valid");

            Map<String, String> stored = everyLead(api);
            for (Map.Entry<String, String> acked : ackedLeads.entrySet()) {
                assertTrue(stored.containsKey(acked.getKey()), "acknowledged lead lost: " + acked);
                assertEquals(200, api.get("/api/v2/leads/" + acked.getKey()).status());
            }
            assertTrue(attemptedEmails.containsAll(stored.values()), "a lead nobody created");
            assertEquals(stored.size(), api.get("/api/v2/leads?limit=1").data().path("pagination").path("total").asInt(),
                    "total after the kill");

            Set<String> unfound = new HashSet<>(stored.keySet());
            eventually(SETTLE, "every lead findable by search", () -> {
                unfound.removeIf(id -> found(api, id, lastName(stored.get(id))));
                return unfound.isEmpty();
            });

            phase("searchable", t0);
            Map<String, Set<String>> missingEvents = new HashMap<>();
            ackedEvents.forEach((lead, ids) -> missingEvents.put(lead, new HashSet<>(ids)));
            eventually(SETTLE, "every acknowledged event stored", () -> {
                missingEvents.entrySet().removeIf(e -> {
                    JsonNode events = api.get("/api/v2/leads/" + e.getKey() + "/events?limit=100").data().path("events");
                    events.forEach(event -> e.getValue().remove(event.path("eventId").asText()));
                    return e.getValue().isEmpty();
                });
                return missingEvents.isEmpty();
            });

            phase("events stored", t0);
            eventually(SETTLE, "every acknowledged enrichment job settled", () -> ackedJobs.stream().allMatch(job ->
                    TERMINAL.contains(api.get("/api/v2/enrich/" + job).data().path("status").asText())));
            // a submit cut between its transaction and its sends was never acknowledged: its credits stay reserved
            // until the stale-job sweep (two hours); every other credit is settled
            long reservedByUnacknowledged = 0;
            for (JsonNode job : everyJob(api)) {
                if (!ackedJobs.contains(job.path("jobId").asText())) {
                    reservedByUnacknowledged += job.path("creditsReserved").asLong();
                }
            }
            JsonNode credits = api.get("/api/v2/credits").data();
            assertEquals(GRANTED, credits.path("remaining").asLong() + credits.path("reserved").asLong()
                    + credits.path("used").asLong(), credits.toString());
            assertEquals(reservedByUnacknowledged, credits.path("reserved").asLong(), credits.toString());
            phase("jobs settled", t0);
            System.out.printf("kill -9 under load: %d leads acknowledged, %d stored; %d jobs and %d events acknowledged; "
                            + "%d credits held by unacknowledged jobs%n", ackedLeads.size(), stored.size(), ackedJobs.size(),
                    ackedEvents.values().stream().mapToInt(Set::size).sum(), reservedByUnacknowledged);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlast output of the restarted server:\n" + second.lastOutput(), e);
        } finally {
            second.stop();
        }
    }

    private static void phase(String name, long start) {
        System.out.printf("%6d ms %s%n", (System.nanoTime() - start) / 1_000_000, name);
    }

    private static String newTenant(String baseUrl) {
        ApiClient admin = new ApiClient(baseUrl, ADMIN_KEY);
        ApiResponse tenant = admin.post("/api/v2/admin/tenants",
                Map.of("name", "kill test", "credits", GRANTED, "enrichPerHourLimit", 1_000_000));
        assertEquals(201, tenant.status(), tenant.toString());
        ApiResponse key = admin.post("/api/v2/admin/tenants/" + tenant.data().path("tenantId").asText() + "/api-keys",
                Map.of("userId", "user_1", "permissions", Fixture.ALL_PERMISSIONS));
        assertEquals(201, key.status(), key.toString());
        return key.data().path("apiKey").asText();
    }

    /** Creates, enrichment submits and events until {@code stop}; a request cut by the kill is not acknowledged. */
    private void load(ApiClient api, int writer, AtomicBoolean stop) {
        for (int round = 0; !stop.get(); round++) {
            try {
                if (round % 4 == 3) {
                    enrich(api);
                } else if (round % 4 == 1 && writer % 2 == 0) {
                    events(api);
                } else {
                    create(api);
                }
            } catch (RuntimeException e) {
                // the server died under this request
                failures.add(e.toString());
            }
        }
    }

    private void create(ApiClient api) {
        int n = sequence.incrementAndGet();
        String lastName = "Dur" + letters(n);
        String email = "kill" + n + "@example.com";
        attemptedEmails.add(email);
        ApiResponse response = api.post("/api/v2/leads", Map.of("firstName", "Kay", "lastName", lastName, "email", email));
        if (response.status() == 201) {
            String id = response.data().path("id").asText();
            ackedLeads.put(id, email);
            ackedLeadIds.add(id);
        }
    }

    private void enrich(ApiClient api) {
        int n = sequence.incrementAndGet();
        List<Map<String, Object>> leads = new ArrayList<>();
        leads.add(Map.of("email", "jane.doe" + n + "@techcorp.com"));
        leads.add(Map.of("email", "info" + n + "@gmail.com"));
        if (!ackedLeadIds.isEmpty()) {
            leads.add(Map.of("leadId", ackedLeadIds.get(n % ackedLeadIds.size())));
        }
        ApiResponse response = api.post("/api/v2/enrich", Map.of("leads", leads));
        if (response.status() == 202) {
            ackedJobs.add(response.data().path("jobId").asText());
        }
    }

    private void events(ApiClient api) {
        if (ackedLeadIds.isEmpty()) {
            return;
        }
        int n = sequence.incrementAndGet();
        List<String> leads = List.of(ackedLeadIds.get(n % ackedLeadIds.size()),
                ackedLeadIds.get((n * 7) % ackedLeadIds.size()));
        List<Map<String, Object>> events = leads.stream()
                .<Map<String, Object>>map(lead -> Map.of("leadId", lead, "type", "page_view")).toList();
        ApiResponse response = api.post("/api/v2/events", Map.of("events", events));
        if (response.status() == 202) {
            JsonNode ids = response.data().path("eventIds");
            for (int i = 0; i < leads.size(); i++) {
                ackedEvents.computeIfAbsent(leads.get(i), k -> ConcurrentHashMap.newKeySet()).add(ids.get(i).asText());
            }
        }
    }

    /** Every stored lead, id → email, through cursor paging. */
    private static Map<String, String> everyLead(ApiClient api) {
        Map<String, String> leads = new HashMap<>();
        String cursor = null;
        do {
            ApiResponse page = api.get("/api/v2/leads?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, page.status(), page.toString());
            page.data().path("leads").forEach(lead -> leads.put(lead.path("id").asText(), lead.path("email").asText()));
            JsonNode next = page.data().path("pagination").path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return leads;
    }

    private static List<JsonNode> everyJob(ApiClient api) {
        List<JsonNode> jobs = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api.get("/api/v2/enrich?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, page.status(), page.toString());
            page.data().path("jobs").forEach(jobs::add);
            JsonNode next = page.data().path("pagination").path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return jobs;
    }

    private static boolean found(ApiClient api, String id, String lastName) {
        JsonNode leads = api.get("/api/v2/leads?limit=10&search=" + lastName).data().path("leads");
        for (JsonNode lead : leads) {
            if (id.equals(lead.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The last name the create of {@code email} used. */
    private static String lastName(String email) {
        return "Dur" + letters(Integer.parseInt(email.substring("kill".length(), email.indexOf('@'))));
    }

    /** {@code n} in letters (a search word holds letters only). */
    private static String letters(int n) {
        StringBuilder out = new StringBuilder();
        do {
            out.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return out.toString();
    }
}
