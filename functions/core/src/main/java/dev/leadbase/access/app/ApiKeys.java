package dev.leadbase.access.app;

import dev.leadbase.access.domain.ApiKey;
import dev.leadbase.access.domain.ApiKeyRepository;
import dev.leadbase.access.domain.IssuedApiKey;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.NewApiKey;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.access.domain.Principal;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.PermissionDenied;
import dev.leadbase.access.domain.TenantRepository;
import java.time.Clock;

/** Issues, lists and revokes API keys. */
public record ApiKeys(ApiKeyRepository keys, TenantRepository tenants, Clock clock) {
    /** Platform admin: a key for any existing tenant. */
    public IssuedApiKey issue(String tenantId, NewApiKey request) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new NotFound("Tenant not found");
        }
        return store(tenantId, request);
    }

    /** Issues a key of a specific value (demo key of the local runtime). */
    public IssuedApiKey issueWithValue(String tenantId, NewApiKey request, String plainKey) {
        ApiKey key = new ApiKey(KeyHasher.sha256(plainKey), KeyHasher.newId("key_"), tenantId, request.userId(),
                request.permissions(), request.visibility(), KeyHasher.displayPrefix(plainKey), clock.instant(), null);
        keys.create(key);
        return new IssuedApiKey(key, plainKey);
    }

    /** Tenant admin: a key for the caller's own tenant, never with more rights than the caller. */
    public IssuedApiKey issueWithin(Principal caller, NewApiKey request) {
        caller.require(Permission.KEYS_ADMIN, "managing API keys");
        for (Permission p : request.permissions()) {
            if (!caller.permissions().contains(p)) {
                throw new PermissionDenied("Cannot grant a permission the calling key does not have", p.wire(),
                        caller.wirePermissions());
            }
        }
        AccessPolicy.of(caller).checkIssue(request);
        return store(caller.tenantId(), request);
    }

    /** A page of the keys the caller manages (its tenant's, or for an own key its own user's own keys), in key id
     *  order after {@code afterKeyId} (null: from the first). */
    public ApiKeyRepository.KeyPage list(Principal caller, String afterKeyId, int limit) {
        caller.require(Permission.KEYS_ADMIN, "managing API keys");
        AccessPolicy access = AccessPolicy.of(caller);
        ApiKeyRepository.KeyPage page = keys.listByTenant(caller.tenantId(), afterKeyId, limit);
        return new ApiKeyRepository.KeyPage(page.keys().stream().filter(access::manages).toList(), page.lastKeyId());
    }

    /** Platform admin revocation by id. */
    public void revoke(String keyId) {
        if (!keys.revoke(keyId, clock.instant())) {
            throw new NotFound("API key not found");
        }
    }

    /** Tenant admin revocation: a key the caller does not manage (another tenant's, another user's) is not found. */
    public void revokeWithin(Principal caller, String keyId) {
        caller.require(Permission.KEYS_ADMIN, "managing API keys");
        ApiKey key = AccessPolicy.of(caller).key(keys.findById(keyId));
        revoke(key.keyId());
    }

    private IssuedApiKey store(String tenantId, NewApiKey request) {
        return issueWithValue(tenantId, request, KeyHasher.newKey());
    }
}
