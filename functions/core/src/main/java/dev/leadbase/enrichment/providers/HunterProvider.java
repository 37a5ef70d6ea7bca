package dev.leadbase.enrichment.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hunter (hunter.io API v2): {@code GET /v2/combined/find?email=} (person + company) when the
 * email is known, else {@code GET /v2/email-finder?domain|company=&first_name=&last_name=} to
 * find the address. The key goes in the {@code X-API-KEY} header.
 */
public final class HunterProvider extends HttpProvider {
    public static final String NAME = "hunter";
    public static final String DEFAULT_URL = "https://api.hunter.io";

    public HunterProvider(String baseUrl, String apiKey, Duration timeout) {
        super(NAME, baseUrl, timeout, Map.of("X-API-KEY", apiKey));
    }

    @Override
    public Optional<ProviderResult> lookup(ProviderQuery query) {
        String email = query.email();
        if (email != null) {
            return combined(email);
        }
        String first = query.input().firstName();
        String last = query.input().lastName();
        String company = query.input().company();
        if (first == null || last == null || company == null) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("company", company);
        params.put("first_name", first);
        params.put("last_name", last);
        return get("/v2/email-finder", params).map(body -> body.path("data"))
                .filter(d -> text(d, "email") != null).map(d -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    put(fields, "email", text(d, "email"));
                    put(fields, "title", text(d, "position"));
                    put(fields, "phone", text(d, "phone_number"));
                    put(fields, "linkedinUrl", text(d, "linkedin_url"));
                    put(fields, "company", text(d, "company"));
                    Map<String, Object> social = new LinkedHashMap<>();
                    put(social, "twitter", url("https://twitter.com/", text(d, "twitter")));
                    put(fields, "socialProfiles", social);
                    return new ProviderResult(fields, d.path("score").asInt(50) / 100.0);
                });
    }

    private Optional<ProviderResult> combined(String email) {
        return get("/v2/combined/find", Map.of("email", email)).map(b -> b.path("data"))
                .filter(d -> d.isObject() && (d.path("person").isObject() || d.path("company").isObject()))
                .map(d -> {
                    JsonNode p = d.path("person");
                    JsonNode c = d.path("company");
                    Map<String, Object> fields = new LinkedHashMap<>();
                    put(fields, "firstName", text(p.path("name"), "givenName"));
                    put(fields, "lastName", text(p.path("name"), "familyName"));
                    put(fields, "title", text(p.path("employment"), "title"));
                    put(fields, "company", text(p.path("employment"), "name") != null
                            ? text(p.path("employment"), "name") : text(c, "name"));
                    put(fields, "location", text(p, "location"));
                    put(fields, "phone", text(p, "phone"));
                    put(fields, "bio", text(p, "bio"));
                    String linkedin = text(p.path("linkedin"), "handle");
                    put(fields, "linkedinUrl", linkedin == null ? null : "https://www.linkedin.com/in/" + linkedin);
                    Map<String, Object> social = new LinkedHashMap<>();
                    put(social, "twitter", url("https://twitter.com/", text(p.path("twitter"), "handle")));
                    put(social, "github", url("https://github.com/", text(p.path("github"), "handle")));
                    put(social, "facebook", url("https://facebook.com/", text(p.path("facebook"), "handle")));
                    put(fields, "socialProfiles", social);
                    Map<String, Object> info = new LinkedHashMap<>();
                    put(info, "name", text(c, "name"));
                    put(info, "website", text(c, "domain") == null ? null : "https://" + text(c, "domain"));
                    put(info, "domain", text(c, "domain"));
                    put(info, "industry", text(c.path("category"), "industry"));
                    put(info, "size", text(c.path("metrics"), "employees"));
                    put(info, "description", text(c, "description"));
                    put(info, "founded", text(c, "foundedYear"));
                    put(info, "headquarters", text(c, "location"));
                    put(fields, "companyInfo", info);
                    boolean person = p.isObject() && text(p.path("name"), "fullName") != null;
                    return new ProviderResult(fields, person ? 0.9 : 0.7);
                });
    }
}
