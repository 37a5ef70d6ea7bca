package dev.leadbase.local.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The recent versions of every item written through the mode's client, with the time each became current, so that
 * an eventually consistent read can be answered with the item as it was a moment ago. Versions older than the
 * longest window are forgotten.
 */
final class ItemHistory {
    /** One item of one table. */
    record ItemRef(String table, Map<String, AttributeValue> key) {
    }

    /** The item as it was from {@code since} (System.nanoTime) on; {@code image} null when it did not exist. */
    record Version(long since, Map<String, AttributeValue> image) {
    }

    private final long keepNanos;
    private final ConcurrentHashMap<ItemRef, List<Version>> items = new ConcurrentHashMap<>();
    private long lastSweep = System.nanoTime();

    ItemHistory(long keepMillis) {
        this.keepNanos = Math.max(1, keepMillis) * 1_000_000L;
    }

    /** Whether the item's version before its next write is known (it was written recently). */
    boolean known(ItemRef ref) {
        return items.containsKey(ref);
    }

    /** Records the state the item had before the first write seen (as current since forever). */
    void base(ItemRef ref, Map<String, AttributeValue> image) {
        items.computeIfAbsent(ref, r -> {
            List<Version> versions = new ArrayList<>();
            versions.add(new Version(Long.MIN_VALUE, image));
            return versions;
        });
    }

    /** Records the state the item has after a write that completed at {@code at}. */
    void written(ItemRef ref, long at, Map<String, AttributeValue> image) {
        List<Version> versions = items.computeIfAbsent(ref, r -> new ArrayList<>());
        synchronized (versions) {
            versions.add(new Version(at, image));
            // keep the version current at (at - keep) and every later one
            long horizon = at - keepNanos;
            while (versions.size() > 1 && versions.get(1).since() <= horizon) {
                versions.remove(0);
            }
        }
        sweep(at);
    }

    /**
     * The version current at {@code at} when it differs from the latest one the history holds, or null when the
     * latest is the answer (nothing written since {@code at}, or nothing known).
     */
    Version asOf(ItemRef ref, long at) {
        List<Version> versions = items.get(ref);
        if (versions == null) {
            return null;
        }
        synchronized (versions) {
            if (versions.isEmpty() || versions.get(versions.size() - 1).since() <= at) {
                return null;
            }
            Version current = null;
            for (Version v : versions) {
                if (v.since() <= at) {
                    current = v;
                }
            }
            return current == null ? versions.get(0) : current;
        }
    }

    /** Whether the item changed after {@code at}. */
    boolean changedSince(ItemRef ref, long at) {
        List<Version> versions = items.get(ref);
        if (versions == null) {
            return false;
        }
        synchronized (versions) {
            return !versions.isEmpty() && versions.get(versions.size() - 1).since() > at;
        }
    }

    private void sweep(long now) {
        if (now - lastSweep < keepNanos * 20) {
            return;
        }
        lastSweep = now;
        items.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                List<Version> v = e.getValue();
                return v.isEmpty() || v.get(v.size() - 1).since() < now - keepNanos * 2;
            }
        });
    }
}
