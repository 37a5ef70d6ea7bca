package dev.leadbase.enrichment.providers;

import dev.leadbase.shared.config.SecretConfig;
import dev.leadbase.enrichment.domain.CompanyDirectory;
import dev.leadbase.enrichment.providers.CompanyDirectoryProvider;
import dev.leadbase.enrichment.providers.EmailAnalysisProvider;
import dev.leadbase.enrichment.domain.EnrichmentProvider;
import dev.leadbase.enrichment.app.ProviderChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the provider chain from configuration: the offline providers always, then each vendor
 * whose key is set ({@code HUNTER_API_KEY}, {@code PDL_API_KEY}; on AWS read from SSM SecureStrings at init,
 * see {@link #fromConfig}). Base URLs can be pointed elsewhere ({@code HUNTER_BASE_URL}, {@code PDL_BASE_URL}).
 */
public final class Providers {
    public static final int DEFAULT_TIMEOUT_MS = 4000;

    private Providers() {
    }

    public static ProviderChain chain(CompanyDirectory directory, Function<String, String> config) {
        List<EnrichmentProvider> providers = new ArrayList<>();
        providers.add(new EmailAnalysisProvider());
        providers.add(new CompanyDirectoryProvider(directory));
        Duration timeout = Duration.ofMillis(Integer.parseInt(or(config.apply("ENRICHMENT_PROVIDER_TIMEOUT_MS"),
                Integer.toString(DEFAULT_TIMEOUT_MS))));
        String hunter = config.apply("HUNTER_API_KEY");
        if (hunter != null && !hunter.isBlank()) {
            providers.add(new HunterProvider(or(config.apply("HUNTER_BASE_URL"), HunterProvider.DEFAULT_URL), hunter, timeout));
        }
        String pdl = config.apply("PDL_API_KEY");
        if (pdl != null && !pdl.isBlank()) {
            providers.add(new PeopleDataLabsProvider(or(config.apply("PDL_BASE_URL"), PeopleDataLabsProvider.DEFAULT_URL),
                    pdl, timeout));
        }
        return new ProviderChain(providers);
    }

    /** Configuration names that are secrets: read through {@link SecretConfig} (SSM on AWS), never plain on AWS. */
    public static final Set<String> SECRETS = Set.of("HUNTER_API_KEY", "PDL_API_KEY");

    /**
     * The chain configured by the function's environment. A vendor key is {@code HUNTER_API_KEY} itself (local runs)
     * or the SSM SecureString named by {@code HUNTER_API_KEY_PARAMETER}, read once here, at init.
     */
    public static ProviderChain fromConfig(CompanyDirectory directory, SecretConfig secrets) {
        return chain(directory, secrets.lookup(SECRETS));
    }

    /** The chain configured by a map (tests, the local runtime). */
    public static ProviderChain fromMap(CompanyDirectory directory, Map<String, String> config) {
        return chain(directory, config::get);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
