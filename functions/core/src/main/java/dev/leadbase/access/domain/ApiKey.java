package dev.leadbase.access.domain;

import java.time.Instant;
import java.util.Set;

/** A stored API key: never the key itself, only its hash and what it grants. */
public record ApiKey(String keyHash, String keyId, String tenantId, String userId, Set<Permission> permissions,
                     Visibility visibility, String prefix, Instant createdAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }

    public Principal principal() {
        return new Principal(tenantId, userId, keyId, permissions, visibility);
    }
}
