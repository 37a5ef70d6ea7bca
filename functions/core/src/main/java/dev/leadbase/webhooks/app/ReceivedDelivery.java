package dev.leadbase.webhooks.app;

import dev.leadbase.webhooks.domain.Delivery;

/**
 * A message of the delivery queue as the worker received it.
 *
 * @param delivery     what it carries; null when its body could not be read
 * @param body         its body as received (for the dead-letter queue when unreadable)
 * @param group        its message group
 * @param receiveCount how often it has been received, this time included
 */
public record ReceivedDelivery(String messageId, String receiptHandle, int receiveCount, String group, String body,
                               Delivery delivery) {
    public boolean readable() {
        return delivery != null;
    }
}
