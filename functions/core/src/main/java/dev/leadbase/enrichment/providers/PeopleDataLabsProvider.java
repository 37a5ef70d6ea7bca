package dev.leadbase.enrichment.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * People Data Labs person enrichment: {@code GET /v5/person/enrich} by {@code email}, or
 * {@code profile} (LinkedIn URL), or {@code first_name + last_name + company}; key in the
 * {@code X-Api-Key} header. 200 is a match with {@code likelihood} 1–10, 404 is no match.
 */
public final class PeopleDataLabsProvider extends HttpProvider {
    public static final String NAME = "peopleDataLabs";
    public static final String DEFAULT_URL = "https://api.peopledatalabs.com";
    static final int MIN_LIKELIHOOD = 6;

    public PeopleDataLabsProvider(String baseUrl, String apiKey, Duration timeout) {
        super(NAME, baseUrl, timeout, Map.of("X-Api-Key", apiKey));
    }

    @Override
    public Optional<ProviderResult> lookup(ProviderQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.email() != null) {
            params.put("email", query.email());
        }
        if (query.input().linkedinUrl() != null) {
            params.put("profile", query.input().linkedinUrl());
        }
        if (params.isEmpty()) {
            if (query.input().firstName() == null || query.input().lastName() == null || query.input().company() == null) {
                return Optional.empty();
            }
            params.put("first_name", query.input().firstName());
            params.put("last_name", query.input().lastName());
            params.put("company", query.input().company());
        }
        params.put("min_likelihood", Integer.toString(MIN_LIKELIHOOD));
        return get("/v5/person/enrich", params)
                .filter(b -> b.path("data").isObject())
                .map(b -> new ProviderResult(fields(b.path("data")), Math.min(10, b.path("likelihood").asInt(MIN_LIKELIHOOD)) / 10.0));
    }

    private static Map<String, Object> fields(JsonNode d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "firstName", capitalise(text(d, "first_name")));
        put(fields, "lastName", capitalise(text(d, "last_name")));
        put(fields, "title", capitalise(text(d, "job_title")));
        put(fields, "company", capitalise(text(d, "job_company_name")));
        put(fields, "location", capitalise(text(d, "location_name")));
        put(fields, "phone", text(d, "mobile_phone") != null ? text(d, "mobile_phone") : first(d.path("phone_numbers")));
        put(fields, "linkedinUrl", url("https://", text(d, "linkedin_url")));
        String years = text(d, "inferred_years_experience");
        put(fields, "experience", years == null ? null : years + " years");
        put(fields, "bio", text(d, "summary"));
        List<String> skills = new ArrayList<>();
        d.path("skills").forEach(s -> skills.add(s.asText()));
        if (!skills.isEmpty()) {
            fields.put("skills", skills);
        }
        List<String> emails = new ArrayList<>();
        d.path("emails").forEach(e -> {
            String address = e.isObject() ? text(e, "address") : e.asText();
            if (address != null) {
                emails.add(address);
            }
        });
        if (!emails.isEmpty()) {
            fields.put("alternativeEmails", emails);
        }
        Map<String, Object> social = new LinkedHashMap<>();
        put(social, "twitter", url("https://", text(d, "twitter_url")));
        put(social, "github", url("https://", text(d, "github_url")));
        put(social, "facebook", url("https://", text(d, "facebook_url")));
        put(fields, "socialProfiles", social);
        Map<String, Object> info = new LinkedHashMap<>();
        put(info, "name", capitalise(text(d, "job_company_name")));
        put(info, "website", url("https://", text(d, "job_company_website")));
        put(info, "industry", capitalise(text(d, "job_company_industry")));
        put(info, "size", text(d, "job_company_size"));
        put(info, "founded", text(d, "job_company_founded"));
        put(info, "headquarters", capitalise(text(d, "job_company_location_name")));
        put(fields, "companyInfo", info);
        return fields;
    }

    private static String first(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? array.get(0).asText() : null;
    }
}
