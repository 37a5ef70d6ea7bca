package dev.leadbase.enrichment.domain;

import java.time.Instant;
import java.util.List;

/** The record an enrichment leaves on its lead: when, from which providers, with what confidence. */
public record EnrichmentStamp(List<String> sources, double confidence, Instant at) {
    public EnrichmentStamp {
        sources = List.copyOf(sources);
    }
}
