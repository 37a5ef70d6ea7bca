package dev.leadbase.it.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tenant the suite attacks, with what its requests name: a lead of user_1 (the victim of the {@code own} and
 * cross-tenant cases, with fields that must never show elsewhere), a lead of user_2, companies, rule sets, jobs, and
 * keys: user_1's tenant-wide key holding everything, user_2's {@code own} key holding everything, and keys holding
 * one permission or all but one.
 */
final class Lane {
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Resource kinds by the path segment before a path parameter. */
    static final Map<String, String> KIND_BY_SEGMENT = Map.of("leads", "lead", "companies", "company",
            "rulesets", "ruleset", "enrich", "job", "api-keys", "key", "tenants", "tenant", "webhooks", "webhook");
    /** Resource kinds by the name of a body field that holds an id. */
    static final Map<String, String> KIND_BY_FIELD = Map.of("leadId", "lead", "companyId", "company", "rulesetId", "ruleset");
    /** Kinds that belong to one user of a tenant: an {@code own} key must not reach another user's. */
    static final Set<String> USER_KINDS = Set.of("lead", "key");

    final String tenantId;
    final String mainKey;
    final String ownKey;
    final ApiClient main;
    final Map<String, String> ids = new LinkedHashMap<>();
    /** Values of the victim lead that no other user or tenant may ever see. */
    final List<String> secrets = new ArrayList<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final ApiClient own;

    private Lane(TestTenant tenant, TestTenant ownKey) {
        this.tenantId = tenant.tenantId();
        this.mainKey = tenant.apiKey();
        this.main = tenant.client();
        this.ownKey = ownKey.apiKey();
        this.own = ownKey.client();
        ids.put("tenant", tenantId);
        ids.put("key", tenant.keyId());
    }

    /** A new tenant holding one of each resource; {@code rich} adds what cursor cases page through. */
    static Lane create(boolean rich) {
        int n = SEQ.incrementAndGet();
        ApiResponse created = Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", "hostile " + n, "credits", 1000, "enrichPerHourLimit", 100000));
        require(created, 201);
        String tenantId = created.data().path("tenantId").asText();
        Lane lane = new Lane(Fixture.withKey(tenantId, "user_1", "tenant"), Fixture.withKey(tenantId, "user_2", "own"));
        lane.seed(n, rich);
        return lane;
    }

    private void seed(int n, boolean rich) {
        // first, so that the tenant's first changes are fanned out to it (the fan-out keeps a tenant's webhooks 5 s)
        ids.put("webhook", webhook(n));
        ids.put("ruleset", post(main, "/api/v2/scoring/rulesets", Map.of("name", "Engagement", "type", "engagement",
                "primary", true, "rules", List.of(Map.of("eventType", "page_view", "points", 5),
                        Map.of("eventType", "demo_request", "points", 30)))).path("id").asText());
        ids.put("company", post(main, "/api/v2/companies", Map.of("name", "Secret Corp " + n,
                "domain", "secretcorp" + n + ".com")).path("id").asText());
        String email = "victoria.secretson." + n + "@secretcorp" + n + ".com";
        ids.put("lead", post(main, "/api/v2/leads", Map.of("firstName", "Victoriasecret" + n, "lastName", "Secretson" + n,
                "email", email, "phone", "+1555000" + (1000 + n), "companyId", ids.get("company"))).path("id").asText());
        secrets.addAll(List.of(email, "Victoriasecret" + n, "+1555000" + (1000 + n)));
        ids.put("ownLead", post(own, "/api/v2/leads", Map.of("email", "own." + n + "@usertwo.com"))
                .path("id").asText());
        ids.put("victimEmail", email);
        if (rich) {
            ids.put("webhook2", webhook(n));
            ids.put("lead2", post(main, "/api/v2/leads", Map.of("firstName", "Second", "lastName", "Lead",
                    "company", "Second Co")).path("id").asText());
            ids.put("company2", post(main, "/api/v2/companies", Map.of("name", "Another Co " + n)).path("id").asText());
            ids.put("ruleset2", post(main, "/api/v2/scoring/rulesets", Map.of("name", "Profile", "type", "profile",
                    "rules", List.of(Map.of("field", "title", "operator", "contains", "value", "vp", "points", 3))))
                    .path("id").asText());
            for (int i = 0; i < 2; i++) {
                ids.put(i == 0 ? "job" : "job2", post(main, "/api/v2/enrich", Map.of("leads",
                        List.of(Map.of("email", "enrich" + i + "." + n + "@example.org")))).path("jobId").asText());
            }
            post(main, "/api/v2/events", Map.of("events", List.of(
                    Map.of("leadId", ids.get("lead"), "type", "page_view", "eventId", "evt_seed_a"),
                    Map.of("leadId", ids.get("lead"), "type", "page_view", "eventId", "evt_seed_b"),
                    Map.of("leadId", ids.get("lead"), "type", "demo_request", "eventId", "evt_seed_c"))));
            // the seeded leads' lead.created deliveries (failed: the webhook's host does not resolve here), so that the
            // delivery log's cursor cases have a second page
            Fixture.eventually(Duration.ofSeconds(60), "two deliveries in the webhook's log", () ->
                    main.get("/api/v2/webhooks/" + ids.get("webhook") + "/deliveries?limit=2").data().path("deliveries")
                            .size() == 2);
            Fixture.eventually(Duration.ofSeconds(30), "seeded events and jobs to settle", () ->
                    main.get("/api/v2/leads/" + ids.get("lead") + "/events").data().path("events").size() == 3
                            && main.get("/api/v2/credits").data().path("reserved").asLong() == 0);
        }
    }

    String id(String kind) {
        String id = ids.get(kind);
        if (id == null) {
            throw new IllegalStateException("the suite holds no " + kind + " to name; add one to Lane.seed");
        }
        return id;
    }

    /** A new resource of {@code kind} belonging to user_1, for requests that may destroy what they name. */
    String fresh(String kind) {
        int n = SEQ.incrementAndGet();
        return switch (kind) {
            case "lead" -> post(main, "/api/v2/leads", Map.of("email", "fresh." + n + "@example.org")).path("id").asText();
            case "ruleset" -> post(main, "/api/v2/scoring/rulesets", Map.of("name", "Fresh " + n, "type", "engagement",
                    "primary", false, "rules", List.of(Map.of("eventType", "x", "points", 1)))).path("id").asText();
            case "key" -> Fixture.withKey(tenantId, "user_1", "tenant", "leads:read").keyId();
            case "webhook" -> webhook(n);
            default -> id(kind);
        };
    }

    /** A webhook subscription of this tenant. */
    private String webhook(int n) {
        return post(main, "/api/v2/webhooks", Map.of("url", "https://hooks.example.com/hostile/" + n,
                "events", List.of("lead.created", "lead.deleted"))).path("id").asText();
    }

    /** A key of this tenant for {@code actor}, made once. */
    String keyFor(Actor actor, String permission) {
        return switch (actor) {
            case MAIN -> mainKey;
            case OWN -> ownKey;
            case ONLY -> keys.computeIfAbsent("only " + permission, k -> Fixture.withKey(tenantId, "user_1", "tenant",
                    permission).apiKey());
            case LACKING -> keys.computeIfAbsent("lacking " + permission, k -> Fixture.withKey(tenantId, "user_1", "tenant",
                    Fixture.ALL_PERMISSIONS.stream().filter(p -> !p.equals(permission)).toArray(String[]::new)).apiKey());
            default -> throw new IllegalArgumentException(actor.name());
        };
    }

    /**
     * What a user of this tenant can see that a request might change, as text to compare: read through the API
     * with the tenant-wide key, limited to what operations of {@code tags} touch.
     */
    String snapshot(List<String> tags) {
        Map<String, Object> seen = new TreeMap<>();
        boolean all = tags.isEmpty() || tags.stream().noneMatch(t -> Set.of("Leads", "Companies", "Enrichment", "Scoring",
                "API keys", "Admin", "Webhooks").contains(t));
        if (all || tags.contains("Leads") || tags.contains("Scoring")) {
            seen.put("leads.total", main.get("/api/v2/leads?limit=1").data().path("pagination").path("total").asLong());
            JsonNode lead = main.get("/api/v2/leads/" + id("lead")).data();
            seen.put("lead", lead.path("version").asText() + " " + lead.path("email").asText() + " "
                    + lead.path("status").asText() + " " + lead.path("notes").asText());
        }
        if (all || tags.contains("Companies")) {
            seen.put("companies.total", main.get("/api/v2/companies?limit=1").data().path("pagination").path("total").asLong());
        }
        if (all || tags.contains("Enrichment") || tags.contains("Admin")) {
            JsonNode credits = main.get("/api/v2/credits").data();
            seen.put("credits.granted", credits.path("remaining").asLong() + credits.path("reserved").asLong()
                    + credits.path("used").asLong());
        }
        if (all || tags.contains("Enrichment")) {
            seen.put("jobs", main.get("/api/v2/enrich?limit=100").data().path("jobs").size());
        }
        if (all || tags.contains("Scoring")) {
            List<String> rulesets = new ArrayList<>();
            main.get("/api/v2/scoring/rulesets").data().path("rulesets").forEach(r ->
                    rulesets.add(r.path("id").asText() + "@" + r.path("updatedAt").asText()));
            seen.put("rulesets", rulesets);
        }
        if (all || tags.contains("API keys") || tags.contains("Admin")) {
            List<String> keyList = new ArrayList<>();
            main.get("/api/v2/api-keys").data().path("apiKeys").forEach(k ->
                    keyList.add(k.path("keyId").asText() + (k.path("revokedAt").isNull() ? "" : " revoked")));
            keyList.sort(null);
            seen.put("keys", keyList);
        }
        if (all || tags.contains("Webhooks")) {
            List<String> hooks = new ArrayList<>();
            main.get("/api/v2/webhooks?limit=100").data().path("webhooks").forEach(w ->
                    hooks.add(w.path("id").asText() + "@" + w.path("updatedAt").asText()));
            seen.put("webhooks", hooks);
        }
        return seen.toString();
    }

    private static JsonNode post(ApiClient client, String path, Object body) {
        ApiResponse response = client.post(path, body);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("Fixture call " + path + " failed: " + response);
        }
        return response.data();
    }

    private static void require(ApiResponse response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Fixture call failed: " + response);
        }
    }

    /** Who sends a request. */
    enum Actor {
        /** user_1's tenant-wide key holding every permission (the bootstrap key on platform-admin routes) */
        MAIN,
        /** no key at all */
        NONE,
        /** user_2's {@code own} key holding every permission, naming user_1's resources */
        OWN,
        /** another tenant's key holding every permission, naming this tenant's resources */
        OTHER_TENANT,
        /** a key of this tenant holding every permission but the operation's (a tenant key on platform-admin routes) */
        LACKING,
        /** a key holding only the operation's permission */
        ONLY
    }
}
