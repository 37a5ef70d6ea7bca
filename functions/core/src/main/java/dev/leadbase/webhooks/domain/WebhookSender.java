package dev.leadbase.webhooks.domain;

import java.time.Instant;
import java.util.List;

/** Makes one signed webhook POST (the HTTP adapter implements it). */
public interface WebhookSender {
    /** POSTs the delivery's event to {@code url}, signed at {@code at} with each of {@code secrets}. */
    SendResult send(String url, Delivery delivery, List<String> secrets, Instant at);

    /**
     * What came of a POST.
     *
     * @param status the HTTP status, null when no answer came
     * @param body   the first bytes of the answer (at most {@link DeliveryAttempt#MAX_RESPONSE_BYTES}), null if none
     * @param error  why it failed, null on a 2xx
     */
    record SendResult(Integer status, String body, String error, long latencyMs) {
        public boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
