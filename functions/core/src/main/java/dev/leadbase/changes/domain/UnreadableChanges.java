package dev.leadbase.changes.domain;

/**
 * Where the feed's writer keeps a message of the changes queue it cannot read (the changes store: ChangesDLQ). Such a
 * message can never succeed, and left failing it would hold up every later event of its partition for all its
 * receives; kept here, it waits for an operator while the partition goes on.
 */
public interface UnreadableChanges {
    void keep(String messageId, String messageGroup, String body);
}
