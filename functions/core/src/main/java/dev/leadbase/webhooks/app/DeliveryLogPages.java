package dev.leadbase.webhooks.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.DeliveryLog;
import dev.leadbase.webhooks.domain.DeliveryStatus;
import dev.leadbase.webhooks.domain.SubscriptionDirectory;
import java.util.List;

/**
 * {@code GET /api/v2/webhooks/{id}/deliveries}: a subscription's delivery log, newest first, optionally of one
 * status, behind a cursor bound to the subscription and the status.
 */
public final class DeliveryLogPages {
    public static final String WEBHOOK_NOT_FOUND = "Webhook not found";
    private static final Shape AFTER = Shape.of("p", Shape.Type.TEXT);
    private final SubscriptionDirectory directory;
    private final DeliveryLog log;
    private final CursorSigner cursors;

    /** A page of log entries and the cursor of the next one (null on the last). */
    public record Page(List<DeliveryAttempt> attempts, String nextCursor) {
    }

    public DeliveryLogPages(SubscriptionDirectory directory, DeliveryLog log, CursorSigner cursors) {
        this.directory = directory;
        this.log = log;
        this.cursors = cursors;
    }

    /** {@code status} null for every status; {@code cursor} null for the first page. */
    public Page page(AccessPolicy access, String subscriptionId, DeliveryStatus status, String cursor, int limit) {
        access.checkManagesWebhooks();
        directory.find(access.tenantId(), subscriptionId).orElseThrow(() -> new NotFound(WEBHOOK_NOT_FOUND));
        CursorScope scope = CursorScope.of(PagedRoute.WEBHOOK_DELIVERIES, access.caller()).parent(subscriptionId)
                .filters(status == null ? "" : status.wire());
        String after = cursor == null ? null : cursors.open(scope, cursor, AFTER).text("p");
        DeliveryLog.AttemptPage page = log.page(access.tenantId(), subscriptionId, status, after, limit);
        return new Page(page.attempts(), page.last() == null ? null : cursors.sign(scope, Position.of("p", page.last())));
    }
}
