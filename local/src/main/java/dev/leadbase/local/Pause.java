package dev.leadbase.local;

/** The local runtime's waits (poll intervals, retry backoff, held writes): one sleep that keeps an interrupt seen. */
public final class Pause {
    private Pause() {
    }

    /** Sleeps {@code millis}; false when interrupted, with the thread's interrupt flag set again for its owner. */
    public static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
