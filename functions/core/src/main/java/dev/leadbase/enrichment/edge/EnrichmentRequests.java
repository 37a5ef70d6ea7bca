package dev.leadbase.enrichment.edge;

import dev.leadbase.enrichment.app.EnrichmentJobList;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.EnrichmentRequest;
import dev.leadbase.enrichment.domain.LeadInput;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads enrichment requests into the records the use cases take. A {@code POST /api/v2/enrich} body's problems come
 * in one 400: bad or unknown top-level fields under {@code details.invalidFields}, bad leads under
 * {@code details.errors} with their index.
 */
public final class EnrichmentRequests {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_FIELD_LENGTH = 500;
    private static final Set<String> LEAD_FIELDS =
            Set.of("leadId", "email", "linkedinUrl", "firstName", "lastName", "company", "title", "phone");
    private static final Set<String> OPTION_FIELDS =
            Set.of("includePersonalInfo", "includeCompanyInfo", "includeSocialProfiles", "includeContactInfo");

    private EnrichmentRequests() {
    }

    /** {@code GET /api/v2/enrich?limit=&cursor=}: the page asked for. */
    public static EnrichmentJobList.Query jobList(QueryParams params) {
        int limit = params.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
        params.done();
        return new EnrichmentJobList.Query(cursor, limit);
    }

    /** The body of {@code POST /api/v2/enrich}. */
    public static EnrichmentRequest submission(BodyReader body) {
        JsonNode leadsNode = body.node("leads").orElse(null);
        EnrichmentOptions options = options(body);
        double minConfidence = body.number("minConfidence").orElse(EnrichmentRequest.DEFAULT_MIN_CONFIDENCE);
        if (minConfidence < 0 || minConfidence > 1) {
            body.invalid("minConfidence", "Must be between 0.0 and 1.0");
        }
        boolean overwrite = body.bool("overwrite").orElse(false);
        List<Map<String, Object>> errors = new ArrayList<>();
        List<LeadInput> leads = new ArrayList<>();
        if (leadsNode == null) {
            body.invalid("leads", "Is required: an array of 1 to " + EnrichmentRequest.MAX_LEADS + " leads");
        } else if (!leadsNode.isArray()) {
            body.invalid("leads", "Must be an array of lead objects");
        } else if (leadsNode.isEmpty() || leadsNode.size() > EnrichmentRequest.MAX_LEADS) {
            body.invalid("leads", "Must hold between 1 and " + EnrichmentRequest.MAX_LEADS + " leads (got "
                    + leadsNode.size() + ")");
        } else {
            for (int i = 0; i < leadsNode.size(); i++) {
                String problem = readLead(leadsNode.get(i), leads);
                if (problem == null) {
                    problem = leads.getLast().problem();
                }
                if (problem != null) {
                    errors.add(EnrichmentRequest.indexed(i, problem));
                }
            }
        }
        Map<String, Object> invalidFields = body.problems();
        if (!invalidFields.isEmpty() || !errors.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (!errors.isEmpty()) {
                details.put("errors", errors);
            }
            if (!invalidFields.isEmpty()) {
                details.put("invalidFields", invalidFields);
            }
            throw new ValidationFailed(errors.isEmpty() ? "Invalid request body" : "Invalid lead data for enrichment",
                    details);
        }
        return new EnrichmentRequest(leads, options, minConfidence, overwrite);
    }

    /** Every kind is included unless the body switches it off. */
    private static EnrichmentOptions options(BodyReader body) {
        JsonNode node = body.node("enrichmentOptions").orElse(null);
        if (node == null) {
            return EnrichmentOptions.ALL;
        }
        if (!node.isObject()) {
            body.invalid("enrichmentOptions", "Must be an object");
            return EnrichmentOptions.ALL;
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!OPTION_FIELDS.contains(field.getKey())) {
                body.invalid("enrichmentOptions." + field.getKey(), "Unknown field");
            } else if (!field.getValue().isBoolean()) {
                body.invalid("enrichmentOptions." + field.getKey(), "Must be true or false");
            }
        }
        return new EnrichmentOptions(flag(node, "includePersonalInfo"), flag(node, "includeCompanyInfo"),
                flag(node, "includeSocialProfiles"), flag(node, "includeContactInfo"));
    }

    private static boolean flag(JsonNode options, String name) {
        JsonNode value = options.path(name);
        return !value.isBoolean() || value.asBoolean();
    }

    /** Adds the lead to {@code leads} and answers null, or answers what is wrong with its JSON. */
    private static String readLead(JsonNode node, List<LeadInput> leads) {
        if (node == null || !node.isObject()) {
            return "Must be a lead object";
        }
        List<String> problems = new ArrayList<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            JsonNode value = field.getValue();
            if (!LEAD_FIELDS.contains(field.getKey())) {
                problems.add(field.getKey() + " is not a known field");
            } else if (!value.isNull() && !value.isTextual()) {
                problems.add(field.getKey() + " must be a string");
            } else if (value.isTextual() && value.asText().length() > MAX_FIELD_LENGTH) {
                problems.add(field.getKey() + " must be at most " + MAX_FIELD_LENGTH + " characters");
            }
        }
        if (!problems.isEmpty()) {
            return String.join("; ", problems);
        }
        leads.add(new LeadInput(text(node, "leadId"), text(node, "email"), text(node, "linkedinUrl"),
                text(node, "firstName"), text(node, "lastName"), text(node, "company"), text(node, "title"),
                text(node, "phone")));
        return null;
    }

    private static String text(JsonNode lead, String name) {
        JsonNode value = lead.path(name);
        return value.isTextual() ? value.asText() : null;
    }
}
