package dev.leadbase.webhooks.domain;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Whether a delivery may connect to a resolved address: asked at every delivery, for every address the receiver's
 * host resolves to, before connecting. The seam for the subscriptions' address policy: {@link PublicAddressesOnly}
 * is the rule until that policy answers it.
 */
@FunctionalInterface
public interface DeliveryAddressCheck {
    /** Why {@code address} is refused, or empty when a delivery may connect to it. */
    Optional<String> refusal(InetAddress address);
}
