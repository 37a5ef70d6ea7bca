package dev.leadbase.it.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.domain.CompanyProfile;
import dev.leadbase.enrichment.domain.Enrichment;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.EnrichmentProvider.ProviderQuery;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.app.ProviderChain;
import dev.leadbase.enrichment.domain.ProviderUnavailable;
import dev.leadbase.enrichment.providers.HunterProvider;
import dev.leadbase.enrichment.providers.PeopleDataLabsProvider;
import dev.leadbase.enrichment.providers.Providers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vendor providers against a loopback HTTP stub replaying responses in the formats the vendors
 * document (Hunter v2 combined/find and email-finder, People Data Labs v5 person/enrich).
 */
class HttpProvidersTest {
    private static final String HUNTER_COMBINED = """
            {"data": {"person": {"id": "16210bd7", "name": {"fullName": "John Doe", "givenName": "John", "familyName": "Doe"},
              "email": "john@techcorp.com", "location": "San Francisco, CA", "bio": "Full-stack engineer.",
              "employment": {"domain": "techcorp.com", "name": "Tech Corp", "title": "Senior Software Engineer", "role": "engineering"},
              "github": {"handle": "johndoe"}, "twitter": {"handle": "johndoe"}, "linkedin": {"handle": "johndoe"},
              "phone": "+1-555-123-4567"},
             "company": {"name": "Tech Corp", "domain": "techcorp.com", "category": {"industry": "Technology"},
              "description": "Leading provider of enterprise software solutions.", "foundedYear": 2010,
              "location": "San Francisco, CA", "metrics": {"employees": "100-500"}}},
             "meta": {"email": "john@techcorp.com"}}""";
    private static final String PDL_MATCH = """
            {"status": 200, "likelihood": 9, "data": {"id": "qEnOZ5Oh0poWnQ1luFBfVw_0000", "full_name": "jane doe",
              "first_name": "jane", "last_name": "doe", "job_title": "vp of sales", "job_company_name": "startup inc",
              "job_company_website": "startup.io", "job_company_size": "11-50", "job_company_industry": "computer software",
              "location_name": "austin, texas, united states", "linkedin_url": "linkedin.com/in/janedoe",
              "github_url": null, "twitter_url": "twitter.com/janedoe", "mobile_phone": "+15125550100",
              "skills": ["sales", "saas"], "emails": [{"address": "jane@startup.io", "type": "current_professional"}],
              "inferred_years_experience": 12}}""";

    private static HttpServer server;
    private static final Map<String, Stub> STUBS = new ConcurrentHashMap<>();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    private record Stub(int status, String body, long delayMillis) {
    }

    @BeforeAll
    static void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            REQUESTS.add(exchange.getRequestURI() + " key=" + exchange.getRequestHeaders().getFirst("x-api-key"));
            Stub stub = STUBS.getOrDefault(exchange.getRequestURI().getPath(), new Stub(404, "{}", 0));
            try {
                Thread.sleep(stub.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = stub.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            if (stub.status() == 429) {
                exchange.getResponseHeaders().add("retry-after", "30");
            }
            exchange.sendResponseHeaders(stub.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        STUBS.clear();
        REQUESTS.clear();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ProviderQuery query(LeadInput input) {
        return new ProviderQuery("tnt_test", input, input.toMap());
    }

    private static LeadInput email(String email) {
        return new LeadInput(null, email, null, null, null, null, null, null);
    }

    @Test
    void hunterCombinedEnrichmentMapsPersonAndCompany() {
        STUBS.put("/v2/combined/find", new Stub(200, HUNTER_COMBINED, 0));
        var hunter = new HunterProvider(url(), "hunter-key", Duration.ofSeconds(2));

        var result = hunter.lookup(query(email("john@techcorp.com"))).orElseThrow();

        assertEquals("Senior Software Engineer", result.fields().get("title"));
        assertEquals("Tech Corp", result.fields().get("company"));
        assertEquals("https://www.linkedin.com/in/johndoe", result.fields().get("linkedinUrl"));
        assertEquals(Map.of("twitter", "https://twitter.com/johndoe", "github", "https://github.com/johndoe"),
                result.fields().get("socialProfiles"));
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) result.fields().get("companyInfo");
        assertEquals("100-500", info.get("size"));
        assertEquals("2010", info.get("founded"));
        assertEquals(0.9, result.confidence());
        assertEquals("/v2/combined/find?email=john%40techcorp.com key=hunter-key", REQUESTS.get(0));
    }

    @Test
    void peopleDataLabsMatchUsesLikelihoodAndNoMatchIs404() {
        STUBS.put("/v5/person/enrich", new Stub(200, PDL_MATCH, 0));
        var pdl = new PeopleDataLabsProvider(url(), "pdl-key", Duration.ofSeconds(2));
        LeadInput byProfile = new LeadInput(null, null, "https://linkedin.com/in/janedoe", null, null, null, null, null);

        var result = pdl.lookup(query(byProfile)).orElseThrow();

        assertEquals("Jane", result.fields().get("firstName"));
        assertEquals("Vp Of Sales", result.fields().get("title"));
        assertEquals("12 years", result.fields().get("experience"));
        assertEquals(List.of("jane@startup.io"), result.fields().get("alternativeEmails"));
        assertEquals(0.9, result.confidence());
        assertTrue(REQUESTS.get(0).contains("profile=https%3A%2F%2Flinkedin.com%2Fin%2Fjanedoe"));
        assertTrue(REQUESTS.get(0).endsWith("key=pdl-key"));

        STUBS.put("/v5/person/enrich", new Stub(404, "{\"status\": 404, \"error\": {\"type\": \"not_found\"}}", 0));
        assertEquals(Optional.empty(), pdl.lookup(query(byProfile)));
    }

    @Test
    void rateLimitsServerErrorsAndTimeoutsFailTheLeadForARetryWithoutSleeping() {
        var hunter = new HunterProvider(url(), "k", Duration.ofMillis(300));
        STUBS.put("/v2/combined/find", new Stub(429, "{\"errors\":[{\"id\":\"too_many_requests\"}]}", 0));
        var limited = assertThrows(ProviderUnavailable.class, () -> hunter.lookup(query(email("a@b.io"))));
        assertTrue(limited.getMessage().contains("429"));

        STUBS.put("/v2/combined/find", new Stub(503, "{}", 0));
        assertThrows(ProviderUnavailable.class, () -> hunter.lookup(query(email("a@b.io"))));

        STUBS.put("/v2/combined/find", new Stub(200, HUNTER_COMBINED, 2000));
        long started = System.nanoTime();
        assertThrows(ProviderUnavailable.class, () -> hunter.lookup(query(email("a@b.io"))));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 1500, "gave up at the timeout");
    }

    @Test
    void aRejectedKeyIsNoDataRatherThanEndlessRetries() {
        STUBS.put("/v2/combined/find", new Stub(401, "{\"errors\":[{\"id\":\"authentication_failed\"}]}", 0));
        var hunter = new HunterProvider(url(), "wrong", Duration.ofSeconds(2));

        assertEquals(Optional.empty(), hunter.lookup(query(email("a@b.io"))));
    }

    @Test
    void theChainMergesPerFieldSourcesAndStopsAtMinConfidence() {
        STUBS.put("/v2/combined/find", new Stub(200, HUNTER_COMBINED, 0));
        STUBS.put("/v5/person/enrich", new Stub(200, PDL_MATCH, 0));
        CompanyDirectory directory = (tenant, domain) -> domain.equals("techcorp.com")
                ? Optional.of(new CompanyProfile("cmp_1", "Tech Corp Inc", "techcorp.com", null, "Software", "100-500",
                        null, null, null))
                : Optional.empty();
        ProviderChain chain = Providers.fromMap(directory, Map.of("HUNTER_API_KEY", "k", "HUNTER_BASE_URL", url(),
                "PDL_API_KEY", "k", "PDL_BASE_URL", url()));
        assertEquals(List.of("emailAnalysis", "companyDirectory", "hunter", "peopleDataLabs"), chain.providerNames());
        LeadInput john = new LeadInput(null, "john@techcorp.com", null, "John", null, null, null, null);

        Enrichment strict = chain.enrich("tnt_test", john, EnrichmentOptions.ALL, 0.85);

        assertEquals(List.of("emailAnalysis", "hunter"), strict.sources(), "stops once 0.85 is met; the directory's values were all bettered");
        assertEquals(1, REQUESTS.size(), "People Data Labs was not called: " + REQUESTS);
        assertEquals(0.9, strict.confidence());
        assertEquals("John", strict.data().get("firstName"), "the input's own value is kept");
        assertEquals("Doe", strict.data().get("lastName"));
        assertEquals("hunter", strict.fieldSources().get("lastName").source());
        assertEquals("Tech Corp", strict.data().get("company"), "hunter (0.9) is more confident than the directory (0.8)");
        assertEquals("hunter", strict.fieldSources().get("company").source());
        assertEquals("hunter", strict.fieldSources().get("title").source());
        assertEquals("emailAnalysis", strict.fieldSources().get("emailQuality").source());
        assertTrue(strict.matched());

        REQUESTS.clear();
        Enrichment relaxed = chain.enrich("tnt_test", john, EnrichmentOptions.ALL, 0.5);
        assertEquals(List.of("emailAnalysis"), relaxed.sources());
        Enrichment directoryOnly = Providers.fromMap(directory, Map.of()).enrich("tnt_test", john, EnrichmentOptions.ALL, 0.8);
        assertEquals(List.of("emailAnalysis", "companyDirectory"), directoryOnly.sources());
        assertEquals("Tech Corp Inc", directoryOnly.data().get("company"));
        assertEquals("Software", ((Map<?, ?>) directoryOnly.data().get("companyInfo")).get("industry"));
        assertTrue(REQUESTS.isEmpty(), "no vendor called once the offline providers met minConfidence");

        Enrichment noCompany = chain.enrich("tnt_test", john, new EnrichmentOptions(true, false, true, true), 0.85);
        assertFalse(noCompany.data().containsKey("companyInfo"));
        assertFalse(noCompany.data().containsKey("company"));
    }

    @Test
    void emailAnalysisFlagsDisposableRoleAndFreeMailAddresses() {
        ProviderChain offline = Providers.fromMap(CompanyDirectory.empty(), Map.of());

        Enrichment disposable = offline.enrich("t", email("x@mailinator.com"), EnrichmentOptions.ALL, 0.8);
        assertFalse(disposable.matched());
        assertEquals(true, ((Map<?, ?>) disposable.data().get("emailQuality")).get("disposable"));

        Enrichment role = offline.enrich("t", email("sales@acme.io"), EnrichmentOptions.ALL, 0.8);
        assertEquals(true, ((Map<?, ?>) role.data().get("emailQuality")).get("roleAddress"));
        assertFalse(role.data().containsKey("firstName"));

        Enrichment free = offline.enrich("t", email("jane.roe@gmail.com"), EnrichmentOptions.ALL, 0.8);
        assertEquals("Jane", free.data().get("firstName"));
        assertEquals("Roe", free.data().get("lastName"));
        assertFalse(free.data().containsKey("companyInfo"), "no company from a free-mail domain");
    }
}
