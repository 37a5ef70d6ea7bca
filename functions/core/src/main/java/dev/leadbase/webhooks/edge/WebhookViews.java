package dev.leadbase.webhooks.edge;

import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.http.Pagination;
import dev.leadbase.webhooks.app.Webhooks;
import dev.leadbase.webhooks.domain.ManagedSubscription;
import dev.leadbase.webhooks.domain.Subscription;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wire shapes of webhook subscriptions: a subscription (never its secret), one with its new secret, a page. */
final class WebhookViews {
    private WebhookViews() {
    }

    static Map<String, Object> webhook(ManagedSubscription m) {
        Subscription s = m.subscription();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("url", s.url());
        v.put("events", s.events().stream().sorted(Comparator.naturalOrder()).map(ChangeType::wire).toList());
        v.put("description", s.description());
        v.put("enabled", s.enabled());
        v.put("disabledReason", s.disabledReason());
        v.put("createdAt", text(s.createdAt()));
        v.put("updatedAt", text(s.updatedAt()));
        v.put("secretRotatedAt", text(m.secretRotatedAt()));
        v.put("previousSecretExpiresAt", text(m.previousSecretExpiresAt()));
        return v;
    }

    /** The subscription with its secret: only in the answers that make one (create, rotate-secret). */
    static Map<String, Object> withSecret(ManagedSubscription m, String secret) {
        Map<String, Object> v = webhook(m);
        v.put("secret", secret);
        return v;
    }

    static Map<String, Object> page(Webhooks.WebhookPage page, int limit) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhooks", page.webhooks().stream().map(WebhookViews::webhook).toList());
        data.put("pagination", Pagination.cursor(limit, page.nextCursor()));
        return data;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
