package dev.leadbase.webhooks.app;

import dev.leadbase.changes.domain.ChangeType;
import java.util.Set;

/** A subscription as a create request describes it, read and bounded at the edge ({@code enabled} true when left out). */
public record NewWebhook(String url, Set<ChangeType> events, String description, boolean enabled) {
    public NewWebhook {
        events = Set.copyOf(events);
    }
}
