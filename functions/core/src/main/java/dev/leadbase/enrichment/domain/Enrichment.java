package dev.leadbase.enrichment.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the provider chain found for one lead: {@code data} is the API's {@code enrichedData}
 * (input plus found fields), {@code fieldSources} says which provider gave each found field and
 * with what confidence, {@code matched} is whether anything beyond the input was found.
 */
public record Enrichment(Map<String, Object> data, Map<String, FieldSource> fieldSources, double confidence,
                         List<String> sources, boolean matched) {
    public Enrichment {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        fieldSources = Collections.unmodifiableMap(new LinkedHashMap<>(fieldSources));
        sources = List.copyOf(sources);
    }

    /** The provider of one field and its confidence. */
    public record FieldSource(String source, double confidence) {
    }
}
