package dev.leadbase.webhooks.domain;

import dev.leadbase.changes.domain.ChangeType;
import java.util.Set;

/**
 * What a PATCH changes of a subscription: each field null when it is left as it is.
 *
 * @param clearDescription true to remove the description ({@code description} is then null)
 */
public record SubscriptionChange(String url, Set<ChangeType> events, String description, boolean clearDescription,
                                 Boolean enabled) {
    public SubscriptionChange {
        events = events == null ? null : Set.copyOf(events);
    }

    public boolean isEmpty() {
        return url == null && events == null && description == null && !clearDescription && enabled == null;
    }
}
