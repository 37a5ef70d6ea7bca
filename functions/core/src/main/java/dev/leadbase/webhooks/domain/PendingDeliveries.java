package dev.leadbase.webhooks.domain;

/** Sends again what waited while a subscription was disabled; called when it is enabled again. */
public interface PendingDeliveries {
    void resume(String tenantId, String subscriptionId);
}
