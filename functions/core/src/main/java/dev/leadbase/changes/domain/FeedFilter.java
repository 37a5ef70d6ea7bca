package dev.leadbase.changes.domain;

import java.util.Set;

/**
 * Which events a feed read returns.
 *
 * @param types      the types wanted; empty for every type
 * @param ownerScope the user whose leads' events alone are wanted, or null for all: what
 *                   {@code AccessPolicy.ownerScope()} gives, so that the store leaves out early what the policy would
 */
public record FeedFilter(Set<ChangeType> types, String ownerScope) {
    public FeedFilter {
        types = Set.copyOf(types);
    }
}
