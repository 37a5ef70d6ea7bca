package dev.leadbase.enrichment.domain;

import java.util.List;
import java.util.Set;

/** Hands leads to the workers, one message per lead. */
public interface EnrichmentQueue {
    /** Sends the messages; answers the indexes (within {@code messages}) that could not be sent. */
    Set<Integer> send(List<EnrichmentMessage> messages);
}
