package dev.leadbase.enrichment.edge;

import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.EnrichmentRequest;
import dev.leadbase.enrichment.domain.LeadInput;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.http.BodyReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code POST /api/v2/enrich} bodies, collecting every problem into one 400: bad or unknown
 * top-level fields under {@code details.invalidFields}, bad leads under {@code details.errors}
 * with their index.
 */
public final class EnrichmentRequestParser {
    private static final List<String> LEAD_FIELDS =
            List.of("leadId", "email", "linkedinUrl", "firstName", "lastName", "company", "title", "phone");
    private static final Set<String> OPTION_FIELDS =
            Set.of("includePersonalInfo", "includeCompanyInfo", "includeSocialProfiles", "includeContactInfo");

    private EnrichmentRequestParser() {
    }

    public static EnrichmentRequest parse(BodyReader body) {
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
                    problem = leads.get(leads.size() - 1).problem();
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

    private static EnrichmentOptions options(BodyReader body) {
        JsonNode node = body.node("enrichmentOptions").orElse(null);
        if (node == null) {
            return EnrichmentOptions.ALL;
        }
        if (!node.isObject()) {
            body.invalid("enrichmentOptions", "Must be an object");
            return EnrichmentOptions.ALL;
        }
        Map<String, Object> flags = new HashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!OPTION_FIELDS.contains(field.getKey())) {
                body.invalid("enrichmentOptions." + field.getKey(), "Unknown field");
            } else if (!field.getValue().isBoolean()) {
                body.invalid("enrichmentOptions." + field.getKey(), "Must be true or false");
            } else {
                flags.put(field.getKey(), field.getValue().asBoolean());
            }
        }
        return EnrichmentOptions.fromMap(flags);
    }

    /** Adds the lead to {@code leads} and answers null, or answers what is wrong with its JSON. */
    private static String readLead(JsonNode node, List<LeadInput> leads) {
        if (node == null || !node.isObject()) {
            return "Must be a lead object";
        }
        Map<String, String> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!LEAD_FIELDS.contains(field.getKey())) {
                problems.add(field.getKey() + " is not a known field");
            } else if (field.getValue().isNull()) {
                continue;
            } else if (!field.getValue().isTextual()) {
                problems.add(field.getKey() + " must be a string");
            } else if (field.getValue().asText().length() > 500) {
                problems.add(field.getKey() + " must be at most 500 characters");
            } else {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        if (!problems.isEmpty()) {
            return String.join("; ", problems);
        }
        leads.add(LeadInput.fromMap(values));
        return null;
    }
}
