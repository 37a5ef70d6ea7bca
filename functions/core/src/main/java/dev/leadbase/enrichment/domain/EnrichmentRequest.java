package dev.leadbase.enrichment.domain;

import dev.leadbase.shared.errors.ValidationFailed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated submission: 1 to 50 leads, each with an identifier, and the job's options. */
public record EnrichmentRequest(List<LeadInput> leads, EnrichmentOptions options, double minConfidence,
                                boolean overwrite) {
    public static final int MAX_LEADS = 50;
    public static final double DEFAULT_MIN_CONFIDENCE = 0.8;

    public EnrichmentRequest {
        leads = List.copyOf(leads);
        if (leads.isEmpty() || leads.size() > MAX_LEADS) {
            throw new ValidationFailed("Invalid lead data for enrichment",
                    Map.of("errors", List.of(Map.of("field", "leads",
                            "message", "Between 1 and " + MAX_LEADS + " leads are required per request"))));
        }
        if (minConfidence < 0 || minConfidence > 1) {
            throw new ValidationFailed("Invalid request body",
                    Map.of("invalidFields", Map.of("minConfidence", "Must be between 0.0 and 1.0")));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            String problem = leads.get(i).problem();
            if (problem != null) {
                errors.add(indexed(i, problem));
            }
        }
        if (!errors.isEmpty()) {
            throw invalidLeads(errors);
        }
    }

    public int size() {
        return leads.size();
    }

    public static Map<String, Object> indexed(int index, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("index", index);
        e.put("message", message);
        return e;
    }

    /** The 400 the API documents: every bad lead with its index. */
    public static ValidationFailed invalidLeads(List<Map<String, Object>> errors) {
        return new ValidationFailed("Invalid lead data for enrichment", Map.of("errors", errors));
    }
}
