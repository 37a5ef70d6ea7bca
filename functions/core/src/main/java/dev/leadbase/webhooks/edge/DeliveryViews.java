package dev.leadbase.webhooks.edge;

import dev.leadbase.webhooks.app.Replays;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import java.util.LinkedHashMap;
import java.util.Map;

/** The delivery log and replay answers as the API shows them. */
final class DeliveryViews {
    private DeliveryViews() {
    }

    static Map<String, Object> attempt(DeliveryAttempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deliveryId", a.deliveryId());
        m.put("eventId", a.eventId());
        m.put("type", a.type().wire());
        m.put("attempt", a.attempt());
        m.put("status", a.status().wire());
        m.put("attemptedAt", a.attemptedAt().toString());
        m.put("latencyMs", a.latencyMs());
        m.put("responseCode", a.responseCode());
        m.put("responseBody", a.responseBody());
        m.put("error", a.error());
        return m;
    }

    static Map<String, Object> replayed(Replays.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replayId", r.replayId());
        m.put("matched", r.matched());
        m.put("queued", r.queued());
        m.put("nextFrom", r.nextFrom() == null ? null : r.nextFrom().toString());
        return m;
    }
}
