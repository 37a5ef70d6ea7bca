package dev.leadbase.access.edge;

import dev.leadbase.access.domain.ApiKey;
import dev.leadbase.access.domain.IssuedApiKey;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.access.domain.CreditBalance;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wire shapes of keys and of credit balances (the admin routes and {@code GET /api/v2/credits}). */
public final class KeyViews {
    private KeyViews() {
    }

    static Map<String, Object> key(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("keyId", key.keyId());
        view.put("tenantId", key.tenantId());
        view.put("userId", key.userId());
        view.put("permissions", key.permissions().stream().sorted().map(Permission::wire).toList());
        view.put("visibility", key.visibility().wire());
        view.put("prefix", key.prefix());
        view.put("createdAt", key.createdAt() == null ? null : key.createdAt().toString());
        view.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return view;
    }

    /** The only response that ever carries the plain key. */
    static Map<String, Object> issued(IssuedApiKey issued) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("keyId", issued.stored().keyId());
        view.put("apiKey", issued.apiKey());
        view.putAll(key(issued.stored()));
        return view;
    }

    /** A tenant's balance as the admin routes show it: the tenant, then its {@link #balance(CreditBalance)}. */
    static Map<String, Object> balance(String tenantId, CreditBalance balance) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", tenantId);
        view.putAll(balance(balance));
        return view;
    }

    /** The credits {remaining, reserved, used}. */
    public static Map<String, Object> balance(CreditBalance balance) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("remaining", balance.remaining());
        view.put("reserved", balance.reserved());
        view.put("used", balance.used());
        return view;
    }
}
