package dev.leadbase.access.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores API keys by the SHA-256 of the key. */
public interface ApiKeyRepository {
    void create(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> findById(String keyId);

    /** The tenant's keys in key id order after {@code afterKeyId} (null: from the first), at most {@code limit}. */
    KeyPage listByTenant(String tenantId, String afterKeyId, int limit);

    /** A page of keys and the key id to resume after when more may follow (null at the end). */
    record KeyPage(List<ApiKey> keys, String lastKeyId) {
    }

    /** Marks the key revoked; returns false when no such key exists. */
    boolean revoke(String keyId, Instant at);
}
