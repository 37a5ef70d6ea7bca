package dev.leadbase.shared.concurrent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps its {@code capacity} most recently used entries and forgets the least recently used beyond them:
 * the memory of a long-lived container (a cache, what a consumer sent) stays bounded however many keys it meets. Safe
 * to share between threads.
 */
public final class Recent<K, V> {
    private final Map<K, V> entries;

    public Recent(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 256), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }
}
