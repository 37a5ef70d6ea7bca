package dev.leadbase.access.domain;

import dev.leadbase.shared.errors.PermissionDenied;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Who is calling: the tenant, user and rights that come from the API key alone. */
public record Principal(String tenantId, String userId, String keyId, Set<Permission> permissions, Visibility visibility) {
    public Principal {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public void require(Permission permission, String action) {
        if (!permissions.contains(permission)) {
            throw new PermissionDenied("Insufficient permissions for " + action, permission.wire(), wirePermissions());
        }
    }

    public List<String> wirePermissions() {
        return permissions.stream().sorted().map(Permission::wire).toList();
    }
}
