package dev.leadbase.webhooks.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CreatedOrderPages;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.webhooks.domain.ManagedSubscription;
import dev.leadbase.webhooks.domain.PendingDeliveries;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.domain.SubscriptionChange;
import dev.leadbase.webhooks.domain.SubscriptionRepository;
import dev.leadbase.webhooks.domain.SubscriptionRepository.WithSecret;
import dev.leadbase.webhooks.domain.WebhookUrlPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Webhook subscriptions of a tenant: create (with a secret shown once), list, read, change, delete, rotate the secret.
 * Only tenant-wide keys manage them ({@link AccessPolicy#checkManagesWebhooks}); another tenant's subscription is a 404.
 * Every URL passes the {@link WebhookUrlPolicy}. Enabling a subscription that was disabled sends what waited.
 */
public final class Webhooks {
    /** How many subscriptions one tenant may hold: each event is delivered once per subscription. */
    public static final int MAX_PER_TENANT = 25;
    public static final String NOT_FOUND = "Webhook not found";
    private static final CreatedOrderPages<ManagedSubscription> PAGES =
            new CreatedOrderPages<>(m -> m.subscription().createdAt(), ManagedSubscription::id);

    private final SubscriptionRepository repository;
    private final WebhookUrlPolicy urls;
    private final PendingDeliveries pending;
    private final Supplier<CursorSigner> cursors;
    private final Clock clock;

    /** One page of subscriptions and the cursor of the next (null on the last). */
    public record WebhookPage(List<ManagedSubscription> webhooks, String nextCursor) {
    }

    /** {@code cursors} is asked for by the list alone (the other routes' functions hold no cursor secret). */
    public Webhooks(SubscriptionRepository repository, WebhookUrlPolicy urls, PendingDeliveries pending,
                    Supplier<CursorSigner> cursors, Clock clock) {
        this.repository = repository;
        this.urls = urls;
        this.pending = pending;
        this.cursors = cursors;
        this.clock = clock;
    }

    public WithSecret create(Principal caller, NewWebhook draft) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        checkUrl(draft.url());
        Instant now = now();
        Subscription subscription = new Subscription(caller.tenantId(), KeyHasher.newId("wh_"), draft.url(),
                draft.events(), draft.description(), draft.enabled(), null, now, now);
        return repository.create(subscription, MAX_PER_TENANT);
    }

    public ManagedSubscription get(Principal caller, String id) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        return repository.findManaged(caller.tenantId(), id).orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    /** The tenant's subscriptions, oldest first; a tenant holds few, so each page is cut from the whole list. */
    public WebhookPage list(Principal caller, String cursor, int limit) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        var page = PAGES.page(repository.list(caller.tenantId()), cursors.get(),
                CursorScope.of(PagedRoute.WEBHOOKS, caller), cursor, limit);
        return new WebhookPage(page.items(), page.nextCursor());
    }

    /**
     * Applies {@code change}; enabling a subscription that was disabled clears its reason (the store does) and sends
     * the deliveries that waited meanwhile.
     */
    public ManagedSubscription update(Principal caller, String id, SubscriptionChange change) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        if (change.url() != null) {
            checkUrl(change.url());
        }
        SubscriptionRepository.Changed changed = repository.update(caller.tenantId(), id, change, now())
                .orElseThrow(() -> new NotFound(NOT_FOUND));
        if (!changed.wasEnabled() && changed.subscription().subscription().enabled()) {
            pending.resume(caller.tenantId(), id);
        }
        return changed.subscription();
    }

    public void delete(Principal caller, String id) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        if (!repository.delete(caller.tenantId(), id)) {
            throw new NotFound(NOT_FOUND);
        }
    }

    public WithSecret rotateSecret(Principal caller, String id) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        return repository.rotateSecret(caller.tenantId(), id, now()).orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    /** The current secret of a subscription a create answer names (its Idempotency-Key replay shows it again). */
    public Optional<String> currentSecret(Principal caller, String id) {
        AccessPolicy.of(caller).checkManagesWebhooks();
        return repository.currentSecret(caller.tenantId(), id);
    }

    private void checkUrl(String url) {
        urls.problem(url).ifPresent(problem -> {
            throw new ValidationFailed("Invalid webhook URL: " + problem, Map.of("invalidFields", Map.of("url", problem)));
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
