package dev.leadbase.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores API keys by the SHA-256 of the key. */
public interface ApiKeyRepository {
    void create(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> findById(String keyId);

    List<ApiKey> listByTenant(String tenantId);

    /** Marks the key revoked; returns false when no such key exists. */
    boolean revoke(String keyId, Instant at);
}
