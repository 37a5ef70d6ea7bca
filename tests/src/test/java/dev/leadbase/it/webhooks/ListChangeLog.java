package dev.leadbase.it.webhooks;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeLog;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ChangeLog (our port; the feed part implements it on DynamoDB) held in a list, for tests. */
final class ListChangeLog implements ChangeLog {
    final List<ChangeEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public List<ChangeEvent> byIds(String tenantId, Collection<String> eventIds) {
        return events.stream().filter(e -> e.tenantId().equals(tenantId) && eventIds.contains(e.id())).toList();
    }

    @Override
    public List<ChangeEvent> between(String tenantId, Instant from, Instant to, int max) {
        return events.stream().filter(e -> e.tenantId().equals(tenantId) && !e.occurredAt().isBefore(from)
                        && e.occurredAt().isBefore(to))
                .sorted(Comparator.comparing(ChangeEvent::occurredAt)).limit(max).toList();
    }
}
