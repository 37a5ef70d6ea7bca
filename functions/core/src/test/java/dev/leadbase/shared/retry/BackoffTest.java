package dev.leadbase.shared.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void theBoundDoublesFromTwentyMillisecondsAndStopsAtOneSecond() {
        assertEquals(20, Backoff.boundMs(1));
        assertEquals(40, Backoff.boundMs(2));
        assertEquals(640, Backoff.boundMs(6));
        assertEquals(1000, Backoff.boundMs(7));
        assertEquals(1000, Backoff.boundMs(Integer.MAX_VALUE));
    }

    @Test
    void everyPauseIsAtLeastOneMillisecondAndBelowItsBound() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            assertEquals(1, Backoff.millis(attempt, 0.0), "the shortest pause after attempt " + attempt);
            long longest = Backoff.millis(attempt, Math.nextDown(1.0));
            assertTrue(longest < Backoff.boundMs(attempt) && longest >= Backoff.boundMs(attempt) - 1,
                    "the longest pause after attempt " + attempt + ": " + longest);
        }
    }

    @Test
    void pausesAreSpreadOverTheWholeRangeSoCollidingWritersDrawApart() {
        assertEquals(500, Backoff.millis(10, 0.5), 1);
        assertEquals(10, Backoff.millis(1, 0.5), 1);
    }

    @Test
    void anInterruptedPauseEndsTheWorkAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            Backoff.pause(10);
            throw new AssertionError("an interrupted pause returned");
        } catch (IllegalStateException expected) {
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
        }
    }
}
