package dev.leadbase.composition;

import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.store.QueueChangeSink;

/** Builds the changes slice (change events, the feed) over a function's components. */
public final class ChangesWiring {
    private final Components components;

    public ChangesWiring(Components components) {
        this.components = components;
    }

    /** The changes queue, named by CHANGES_QUEUE_URL. */
    public ChangeSink changeSink() {
        return new QueueChangeSink(components.sqs(), components.config().required("CHANGES_QUEUE_URL"));
    }

    /** The feed read back for replays. PLACEHOLDER until the feed part lands (it builds the feed's reader here). */
    public ChangeLog changeLog() {
        return new ChangeLog() { // PLACEHOLDER until the feed part lands
            @Override
            public java.util.List<dev.leadbase.changes.domain.ChangeEvent> byIds(String tenantId,
                    java.util.Collection<String> eventIds) {
                throw new UnsupportedOperationException("built by the feed part");
            }

            @Override
            public java.util.List<dev.leadbase.changes.domain.ChangeEvent> between(String tenantId,
                    java.time.Instant from, java.time.Instant to, int max) {
                throw new UnsupportedOperationException("built by the feed part");
            }
        };
    }
}
