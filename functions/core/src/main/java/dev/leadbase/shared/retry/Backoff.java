package dev.leadbase.shared.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one pause between attempts at work that lost a race (a transaction conflict, a stale version, items
 * DynamoDB left unprocessed): full jitter, a random pause below a bound that doubles with each attempt, from
 * 20 ms after the first up to 1 s, so that writers who collided do not collide again in step.
 */
public final class Backoff {
    static final long FIRST_BOUND_MS = 20;
    static final long MAX_BOUND_MS = 1000;

    private Backoff() {
    }

    /** Sleeps before attempt {@code attempt + 1}; an interrupt keeps the thread's flag and ends the work. */
    public static void pause(int attempt) {
        try {
            Thread.sleep(millis(attempt, ThreadLocalRandom.current().nextDouble()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to try again", e);
        }
    }

    /**
     * Sleeps the whole bound before attempt {@code attempt + 1}: for waiting on another worker to finish (nobody to
     * collide with, so no jitter), which makes the total wait of n attempts certain rather than a random draw.
     */
    public static void await(int attempt) {
        try {
            Thread.sleep(boundMs(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to try again", e);
        }
    }

    /** The bound of the pause after attempt {@code attempt} (counted from 1): 20, 40, 80 ... ms, at most 1 s. */
    static long boundMs(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 10);
        return Math.min(MAX_BOUND_MS, FIRST_BOUND_MS << doublings);
    }

    /** The pause for a random draw {@code unit} in [0, 1): at least 1 ms, below the bound. */
    static long millis(int attempt, double unit) {
        return 1 + (long) (unit * (boundMs(attempt) - 1));
    }
}
