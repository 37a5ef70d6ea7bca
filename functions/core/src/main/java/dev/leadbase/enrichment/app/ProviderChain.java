package dev.leadbase.enrichment.app;

import dev.leadbase.enrichment.domain.Enrichment;
import dev.leadbase.enrichment.domain.EnrichmentOptions;
import dev.leadbase.enrichment.domain.EnrichmentProvider;
import dev.leadbase.enrichment.domain.LeadInput;
import dev.leadbase.enrichment.domain.LeadResult;

import dev.leadbase.enrichment.domain.EnrichmentProvider.ProviderQuery;
import dev.leadbase.enrichment.domain.EnrichmentProvider.ProviderResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the providers in order (cheap offline ones first) and merges their fields. The input's own
 * values are never replaced; between providers the more confident value of a field wins; nested
 * objects ({@code companyInfo}, {@code socialProfiles}) merge key by key. Stops once a provider that
 * contributed has reached {@code minConfidence}.
 */
public final class ProviderChain {
    /** Fields that describe the input rather than the person: alone they are not a match. */
    static final List<String> NOT_A_MATCH = List.of("emailQuality");

    private final List<EnrichmentProvider> providers;

    public ProviderChain(List<EnrichmentProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    public List<String> providerNames() {
        return providers.stream().map(EnrichmentProvider::name).toList();
    }

    /** The chain for one batch of leads: each provider that can look several leads up at once reads them now. */
    public ProviderChain forBatch(Collection<LeadResult> leads) {
        List<ProviderQuery> first = leads.stream()
                .map(lead -> new ProviderQuery(lead.tenantId(), lead.input(), Map.copyOf(known(lead.input())))).toList();
        return new ProviderChain(providers.stream().map(provider -> provider.forBatch(first)).toList());
    }

    public Enrichment enrich(String tenantId, LeadInput input, EnrichmentOptions options, double minConfidence) {
        Map<String, Object> data = known(input);
        Map<String, Enrichment.FieldSource> fieldSources = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        double confidence = 0;
        for (EnrichmentProvider provider : providers) {
            if (!sources.isEmpty() && confidence >= minConfidence) {
                break;
            }
            Optional<ProviderResult> result = provider.lookup(new ProviderQuery(tenantId, input, Map.copyOf(data)));
            if (result.isEmpty()) {
                continue;
            }
            var source = new Enrichment.FieldSource(provider.name(), round(result.get().confidence()));
            boolean contributed = false;
            for (var field : result.get().fields().entrySet()) {
                if (field.getValue() == null || !options.allows(field.getKey())) {
                    continue;
                }
                contributed |= merge(data, fieldSources, field.getKey(), field.getValue(), source);
            }
            if (contributed) {
                sources.add(provider.name());
                confidence = Math.max(confidence, source.confidence());
            }
        }
        // sources: the providers whose values are in the result (a later, more confident one may have replaced all of an earlier one's)
        List<String> kept = sources.stream()
                .filter(name -> fieldSources.values().stream().anyMatch(f -> f.source().equals(name))).toList();
        sources = kept;
        boolean matched = fieldSources.keySet().stream()
                .anyMatch(f -> NOT_A_MATCH.stream().noneMatch(n -> f.equals(n) || f.startsWith(n + ".")));
        return new Enrichment(data, fieldSources, matched ? round(confidence) : 0, sources, matched);
    }

    /** What the first provider knows of a lead: its input, without the id of the lead it names. */
    private static Map<String, Object> known(LeadInput input) {
        Map<String, Object> data = new LinkedHashMap<>(input.toMap());
        data.remove("leadId");
        return data;
    }

    @SuppressWarnings("unchecked")
    private static boolean merge(Map<String, Object> data, Map<String, Enrichment.FieldSource> fieldSources,
                                 String field, Object value, Enrichment.FieldSource source) {
        if (value instanceof Map<?, ?> nested && !NOT_A_MATCH.contains(field)) {
            Map<String, Object> target = data.get(field) instanceof Map<?, ?> existing
                    ? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
            boolean changed = false;
            for (var e : nested.entrySet()) {
                if (e.getValue() != null) {
                    changed |= merge(target, fieldSources, field, String.valueOf(e.getKey()), e.getValue(), source);
                }
            }
            if (changed) {
                data.put(field, target);
            }
            return changed;
        }
        return merge(data, fieldSources, null, field, value, source);
    }

    private static boolean merge(Map<String, Object> target, Map<String, Enrichment.FieldSource> fieldSources,
                                 String parent, String field, Object value, Enrichment.FieldSource source) {
        if (value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty()) {
            return false;
        }
        String path = parent == null ? field : parent + "." + field;
        Enrichment.FieldSource current = fieldSources.get(path);
        boolean fromInput = target.containsKey(field) && current == null;
        if (fromInput || current != null && current.confidence() >= source.confidence()) {
            return false;
        }
        target.put(field, value);
        fieldSources.put(path, source);
        return true;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
