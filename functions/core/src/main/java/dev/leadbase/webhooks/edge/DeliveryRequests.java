package dev.leadbase.webhooks.edge;

import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.ids.IdKind;
import dev.leadbase.webhooks.app.ReplayRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Reads a replay body: {@code {eventIds: [...]}} (1 to 100) or {@code {from, to}} (ISO instants, to after from). */
final class DeliveryRequests {
    private DeliveryRequests() {
    }

    static ReplayRequest replay(BodyReader body) {
        Optional<List<String>> ids = body.strings("eventIds");
        boolean window = body.has("from") || body.has("to");
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        List<String> eventIds = null;
        if (body.has("eventIds") && window) {
            body.invalid("eventIds", "Give either eventIds or from and to, not both");
        } else if (ids.isPresent()) {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(ids.get()));
            if (ids.get().isEmpty() || ids.get().size() > ReplayRequest.MAX_IDS) {
                body.invalid("eventIds", "Must hold 1 to " + ReplayRequest.MAX_IDS + " event ids");
            } else if (!distinct.stream().allMatch(IdKind.EVENT::valid)) {
                body.invalid("eventIds", IdKind.EVENT.message());
            }
            eventIds = distinct;
        } else if (!window) {
            body.invalid("eventIds", "Give eventIds (1 to " + ReplayRequest.MAX_IDS + " event ids), or from and to");
        } else {
            if (!body.has("from")) {
                body.invalid("from", "Is required with to");
            }
            if (!body.has("to")) {
                body.invalid("to", "Is required with from");
            }
            if (from != null && to != null && !to.isAfter(from)) {
                body.invalid("to", "Must be after from");
            } else if (from != null && to != null
                    && Duration.between(from, to).compareTo(Duration.ofDays(ReplayRequest.MAX_WINDOW_DAYS)) > 0) {
                body.invalid("to", "Must be at most " + ReplayRequest.MAX_WINDOW_DAYS + " days after from");
            }
        }
        body.done();
        return new ReplayRequest(eventIds, from, to);
    }

    private static Instant instant(BodyReader body, String name) {
        Optional<String> text = body.string(name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text.get());
        } catch (DateTimeParseException e) {
            body.invalid(name, "Must be an ISO 8601 instant such as 2026-12-01T10:00:00Z");
            return null;
        }
    }
}
