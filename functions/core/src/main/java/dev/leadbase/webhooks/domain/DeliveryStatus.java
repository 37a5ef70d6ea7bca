package dev.leadbase.webhooks.domain;

import java.util.Arrays;
import java.util.Optional;

/** What became of one delivery attempt, as the delivery log shows it. */
public enum DeliveryStatus {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    /** Not attempted: the subscription was disabled; it is sent again when the subscription is enabled. */
    PENDING("pending");

    private final String wire;

    DeliveryStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DeliveryStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
