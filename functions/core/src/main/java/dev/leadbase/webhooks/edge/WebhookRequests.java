package dev.leadbase.webhooks.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.webhooks.app.NewWebhook;
import dev.leadbase.webhooks.domain.SubscriptionChange;
import dev.leadbase.webhooks.domain.WebhookUrlPolicy;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads webhook requests into the records the use cases take, every problem of a body in one 400. The URL is only
 * bounded here; where it may point is the {@link WebhookUrlPolicy}'s, applied by the use case.
 */
final class WebhookRequests {
    static final int MAX_DESCRIPTION = 500;
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    /** A page request: its limit and cursor (null for the first page). */
    record PageQuery(int limit, String cursor) {
    }

    private WebhookRequests() {
    }

    static NewWebhook newWebhook(BodyReader body) {
        String url = url(body, body.requiredString("url"));
        Set<ChangeType> events = events(body);
        if (events == null && (!body.has("events") || body.raw().get("events").isNull())) {
            body.invalid("events", "Is required");
        }
        String description = description(body);
        boolean enabled = body.bool("enabled").orElse(true);
        body.done();
        return new NewWebhook(url, events, description, enabled);
    }

    /** A PATCH: at least one of url, events, description (null or empty clears it) and enabled. */
    static SubscriptionChange change(BodyReader body) {
        String url = url(body, body.string("url").orElse(null));
        Set<ChangeType> events = events(body);
        boolean clearDescription = body.has("description") && body.raw().get("description").isNull();
        String description = description(body);
        if (description == null && body.has("description") && body.raw().get("description").isTextual()) {
            clearDescription = true; // "" (or blanks) removes it too
        }
        Boolean enabled = body.bool("enabled").orElse(null);
        body.done();
        SubscriptionChange change = new SubscriptionChange(url, events, description, clearDescription, enabled);
        if (change.isEmpty()) {
            body.invalid("body", "Must change at least one of url, events, description, enabled");
            body.done();
        }
        return change;
    }

    static PageQuery page(QueryParams params) {
        int limit = params.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        String cursor = params.get("cursor").filter(c -> !c.isBlank()).orElse(null);
        params.done();
        return new PageQuery(limit, cursor);
    }

    private static String url(BodyReader body, String url) {
        if (url != null && (url.isEmpty() || url.length() > WebhookUrlPolicy.MAX_URL_LENGTH)) {
            body.invalid("url", "Must be 1 to " + WebhookUrlPolicy.MAX_URL_LENGTH + " characters");
            return null;
        }
        return url;
    }

    /** The event types, when given: a non-empty list of known wire types, each once; null when absent or bad. */
    private static Set<ChangeType> events(BodyReader body) {
        Optional<JsonNode> node = body.node("events");
        if (node.isEmpty()) {
            return null;
        }
        JsonNode list = node.get();
        if (!list.isArray() || list.isEmpty() || list.size() > ChangeType.values().length) {
            body.invalid("events", "Must be a non-empty array of event types, each once: " + ChangeType.allWire());
            return null;
        }
        Set<ChangeType> events = EnumSet.noneOf(ChangeType.class);
        for (JsonNode item : list) {
            Optional<ChangeType> type = item.isTextual() ? ChangeType.fromWire(item.textValue()) : Optional.empty();
            if (type.isEmpty()) {
                body.invalid("events", "Unknown event type " + (item.isTextual() ? "'" + abbreviate(item.textValue()) + "'"
                        : item.getNodeType().name().toLowerCase()) + "; one of " + ChangeType.allWire());
                return null;
            }
            if (!events.add(type.get())) {
                body.invalid("events", "Lists " + type.get().wire() + " twice; name each event type once");
                return null;
            }
        }
        return events;
    }

    private static String description(BodyReader body) {
        String description = body.string("description").map(String::trim).filter(d -> !d.isEmpty()).orElse(null);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            body.invalid("description", "Must be at most " + MAX_DESCRIPTION + " characters");
            return null;
        }
        return description;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
