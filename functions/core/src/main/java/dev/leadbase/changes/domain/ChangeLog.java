package dev.leadbase.changes.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The feed read back for replays (the changes store implements it); events older than the feed keeps are gone. */
public interface ChangeLog {
    /** The placed events of the tenant with these ids; unknown ids are left out. */
    List<ChangeEvent> byIds(String tenantId, Collection<String> eventIds);

    /** The placed events of the tenant that occurred in [from, to), oldest first, at most {@code max}. */
    List<ChangeEvent> between(String tenantId, Instant from, Instant to, int max);
}
