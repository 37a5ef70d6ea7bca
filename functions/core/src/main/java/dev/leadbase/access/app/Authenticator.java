package dev.leadbase.access.app;

import dev.leadbase.access.domain.ApiKey;
import dev.leadbase.access.domain.ApiKeyRepository;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Principal;

import dev.leadbase.shared.errors.Unauthorized;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented key into a {@link Principal}. Keys found are cached per container for {@code cacheTtl}: a
 * revoked key stops working within that time. An unknown key is looked up again every time.
 */
public final class Authenticator {
    private record Cached(Optional<Principal> principal, Instant expires) {
    }

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Optional<String> bootstrapKeyHash;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(ApiKeyRepository keys, Clock clock, Duration cacheTtl, Optional<String> bootstrapKeyHash) {
        this.keys = keys;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
        this.bootstrapKeyHash = bootstrapKeyHash.map(String::toLowerCase);
    }

    public Principal authenticate(Optional<String> presentedKey) {
        String key = presentedKey.orElseThrow(() -> new Unauthorized("Missing API key"));
        String hash = KeyHasher.sha256(key);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || cached.expires().isBefore(now)) {
            Optional<ApiKey> found = keys.findByHash(hash);
            if (found.isEmpty()) {
                // never cache a miss: a key issued a moment later must work at once
                cache.remove(hash);
                throw new Unauthorized("Invalid API key");
            }
            cached = new Cached(found.filter(k -> !k.revoked()).map(ApiKey::principal), now.plus(cacheTtl));
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        return cached.principal().orElseThrow(() -> new Unauthorized("Invalid API key"));
    }

    /** Checks the platform bootstrap key, which is configured as a SHA-256 digest only. */
    public void authenticatePlatformAdmin(Optional<String> presentedKey) {
        String key = presentedKey.orElseThrow(() -> new Unauthorized("Missing API key"));
        String expected = bootstrapKeyHash.orElseThrow(() -> new Unauthorized("Invalid API key"));
        if (!KeyHasher.sameDigest(KeyHasher.sha256(key), expected)) {
            throw new Unauthorized("Invalid API key");
        }
    }
}
