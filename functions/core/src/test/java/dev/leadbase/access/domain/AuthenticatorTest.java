package dev.leadbase.access.domain;

import dev.leadbase.access.app.Authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leadbase.shared.errors.Unauthorized;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    /** Keys held in memory: what the Authenticator caches is under test here, not how keys are stored. */
    private static final class KeysInMemory implements ApiKeyRepository {
        private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();

        @Override
        public void create(ApiKey key) {
            byHash.put(key.keyHash(), key);
        }

        @Override
        public Optional<ApiKey> findByHash(String keyHash) {
            return Optional.ofNullable(byHash.get(keyHash));
        }

        @Override
        public Optional<ApiKey> findById(String keyId) {
            return byHash.values().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
        }

        @Override
        public KeyPage listByTenant(String tenantId, String afterKeyId, int limit) {
            return new KeyPage(List.of(), null);
        }

        @Override
        public boolean revoke(String keyId, Instant at) {
            return false;
        }
    }

    @Test
    void aKeyPresentedBeforeItIsIssuedWorksTheMomentItIsIssued() {
        KeysInMemory keys = new KeysInMemory();
        Authenticator authenticator = new Authenticator(keys, Clock.systemUTC(), Duration.ofSeconds(30), Optional.empty());
        String plain = KeyHasher.newKey();

        assertThrows(Unauthorized.class, () -> authenticator.authenticate(Optional.of(plain)));
        keys.create(new ApiKey(KeyHasher.sha256(plain), "key_new", "tnt_a", "alice", EnumSet.of(Permission.LEADS_READ),
                Visibility.TENANT, KeyHasher.displayPrefix(plain), Instant.now(), null));

        assertEquals("tnt_a", authenticator.authenticate(Optional.of(plain)).tenantId(),
                "a miss is never cached, so the key is not refused for the cache's 30 s");
    }
}
