package dev.leadbase.composition;

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
}
