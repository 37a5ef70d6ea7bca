package dev.leadbase.webhooks.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Delivery ids, made from what they deliver rather than at random, so that the feed's writer handing the same events
 * over twice makes the same deliveries (the queue then drops the copy): subscription + event, and the replay for a
 * replayed one.
 */
public final class DeliveryIds {
    public static final String PREFIX = "dlv_";

    private DeliveryIds() {
    }

    /** {@code dlv_} and 32 hex digits; {@code replayId} null for the first delivery of an event. */
    public static String of(String subscriptionId, String eventId, String replayId) {
        return PREFIX + digest(subscriptionId + "\n" + eventId + "\n" + (replayId == null ? "" : replayId))
                .substring(0, 32);
    }

    /** A SHA-256 in hex: 64 characters, a valid SQS deduplication id. */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
