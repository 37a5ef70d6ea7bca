package dev.leadbase.webhooks.domain;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Whether a delivery may connect to a resolved address: asked at every delivery, for every address the receiver's
 * host resolves to, before connecting. {@link WebhookUrlPolicy#problem(InetAddress)} answers it, the same rule a
 * subscription's URL is checked with.
 */
@FunctionalInterface
public interface DeliveryAddressCheck {
    /** Why {@code address} is refused, or empty when a delivery may connect to it. */
    Optional<String> refusal(InetAddress address);
}
