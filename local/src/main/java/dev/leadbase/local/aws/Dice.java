package dev.leadbase.local.aws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded choices. Each choice is named (say {@code stale|LeadItemsTable|<key>}) and its n-th roll depends only on the
 * seed, the name and n, so calls on different items do not disturb each other's choices when threads interleave
 * differently: a replay with the same seed makes the same choices for the same sequence of calls per item.
 */
final class Dice {
    private static final int MAX_NAMES = 200_000;

    private final long seed;
    private final ConcurrentHashMap<String, AtomicLong> rolls = new ConcurrentHashMap<>();

    Dice(long seed) {
        this.seed = seed;
    }

    /** A number in [0, 1). */
    double roll(String name) {
        if (rolls.size() > MAX_NAMES) {
            rolls.clear();
        }
        long n = rolls.computeIfAbsent(name, k -> new AtomicLong()).getAndIncrement();
        long h = mix(seed ^ mix(name.hashCode() * 0x9E3779B97F4A7C15L + n));
        return (h >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability, String name) {
        return probability > 0 && roll(name) < probability;
    }

    /** A whole number in [0, bound]. */
    long upTo(long bound, String name) {
        return bound <= 0 ? 0 : (long) (roll(name) * (bound + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
