package dev.leadbase.changes.domain;

import java.util.List;

/**
 * What the feed's writer calls with the events it has just placed (and with those it found already placed, when a
 * batch is redelivered), in partition order: the webhooks slice turns them into deliveries. Must be safe to call
 * twice for the same events.
 */
public interface ChangeFanout {
    void fanOut(List<ChangeEvent> placed);
}
