package dev.leadbase.scoring.store;

import dev.leadbase.scoring.domain.EventQueue;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.edge.ScoringMessages;
import dev.leadbase.shared.sqs.QueueSender;
import java.util.List;
import java.util.Set;

/** EventsQueue: one message per event, sent in batches of ten. */
public record SqsEventQueue(QueueSender queue) implements EventQueue {
    @Override
    public void send(List<ScoringEvent> events) {
        Set<Integer> refused = queue.sendAll(events.stream().map(ScoringMessages::event).toList(), (e, from, to) -> {
            throw e;
        });
        if (!refused.isEmpty()) {
            // a refused message fails the request (500): the client retries, and event ids make that safe
            throw new IllegalStateException("EventsQueue refused " + refused.size() + " message(s)");
        }
    }
}
